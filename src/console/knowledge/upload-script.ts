// /admin/kien-thuc.js: upload progress for the knowledge base's upload form. The form works without it; with it,
// the file is sent by XMLHttpRequest so a <progress> bar can follow the upload, then the page the server answers
// with is shown (the list with its notice, or the error). Served from our own origin (CSP script-src 'self').
export const UPLOAD_SCRIPT = `(function () {
  'use strict';
  var form = document.querySelector('form[data-upload]');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var bar = form.querySelector('[data-progress]');
  var status = form.querySelector('[data-status]');
  var button = form.querySelector('button[type=submit]');
  var max = Number(form.getAttribute('data-max-bytes')) || 0;
  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'error' : 'muted';
  }
  form.addEventListener('submit', function (event) {
    var input = form.querySelector('input[type=file]');
    var file = input && input.files && input.files[0];
    if (!file) return;
    event.preventDefault();
    if (max && file.size > max) {
      say('Tệp quá lớn: tối đa ' + Math.round(max / 1048576) + ' MB. Chưa tải lên.', true);
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.round((e.loaded / e.total) * 100);
      bar.value = percent;
      say('Đang tải lên: ' + percent + '%');
    });
    xhr.upload.addEventListener('load', function () {
      bar.value = 100;
      say('Đã tải lên, đang đọc và lập chỉ mục…');
    });
    xhr.addEventListener('load', function () {
      button.disabled = false;
      if (xhr.status === 200 && xhr.responseURL && xhr.responseURL.indexOf('/tai-len') < 0) {
        window.location.assign(xhr.responseURL);
        return;
      }
      var page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
      var error = page.querySelector('.error');
      bar.hidden = true;
      say(error ? error.textContent : 'Không tải lên được (mã ' + xhr.status + '). Vui lòng thử lại.', true);
    });
    xhr.addEventListener('error', function () {
      button.disabled = false;
      bar.hidden = true;
      say('Mất kết nối khi tải lên. Vui lòng thử lại.', true);
    });
    bar.hidden = false;
    bar.value = 0;
    button.disabled = true;
    say('Đang tải lên: 0%');
    xhr.send(new FormData(form));
  });
})();
`;
