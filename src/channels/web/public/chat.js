// Web chat page script: sends messages to /api/chat, shows the transcript, keeps it across reloads.
// Plain browser JavaScript, no build step. Reply text is only ever inserted as text nodes, never as HTML.
(() => {
  const API = '/api/chat';
  const POLL_MS = 5000;
  const SESSION_KEY = 'tiepdan.chatSession';
  const LARGE_TEXT_KEY = 'tiepdan.largeText';

  const list = document.getElementById('messages');
  const form = document.getElementById('composer');
  const input = document.getElementById('message-input');
  const sendButton = document.getElementById('send');
  const attachInput = document.getElementById('attach-input');
  const status = document.getElementById('status');
  const typing = document.getElementById('typing');
  const largeText = document.getElementById('large-text');
  const scroller = document.querySelector('.chat-main');

  // Inside a frame on another site our cookie is third-party and may be blocked, and so may our storage: the
  // session id travels in a header, and the embedding page (embed.js) keeps it and hands it back in the URL.
  const framed = window.self !== window.top;
  const storage = (() => {
    try {
      const s = window.localStorage;
      s.getItem(SESSION_KEY);
      return s;
    } catch {
      return undefined;
    }
  })();
  const SESSION_PATTERN = /^[A-Za-z0-9_-]{43}$/;
  const fromHash = new URLSearchParams(window.location.hash.slice(1));

  // The page that frames this chat, when it may: our own origin, or one the server lists (EMBED_ORIGINS). Where the
  // browser tells the real parent (ancestorOrigins) that is used; elsewhere the origin embed.js wrote in the URL,
  // which postMessage then enforces (a message addressed to an origin reaches no other). Another site cannot frame
  // the chat at all: the page's Content-Security-Policy (frame-ancestors) forbids it.
  const parentOrigin = (() => {
    if (!framed) return undefined;
    const allowed = (document.querySelector('meta[name="tiepdan-embed-origins"]')?.getAttribute('content') || '')
      .split(' ')
      .filter(Boolean);
    const ancestors = window.location.ancestorOrigins;
    const claimed = ancestors && ancestors.length > 0 ? ancestors[0] : fromHash.get('origin');
    return claimed && (claimed === window.location.origin || allowed.includes(claimed)) ? claimed : undefined;
  })();

  let sessionId;
  if (framed) {
    const stored = storage?.getItem(SESSION_KEY);
    // a session id handed in by the parent is taken only from an allowed parent: any other could make the resident
    // type into a session it reads
    const handed = parentOrigin ? fromHash.get('session') : undefined;
    sessionId = [handed, stored].find((id) => id && SESSION_PATTERN.test(id));
  }

  function tellParent(message) {
    if (parentOrigin) window.parent.postMessage(message, parentOrigin);
  }

  function rememberSession(id) {
    sessionId = id;
    storage?.setItem(SESSION_KEY, id);
    tellParent({ type: 'tiepdan:session', sessionId: id });
  }

  let lastId = 0;
  let sending = false;
  const seen = new Set();

  function headers(json) {
    const h = {};
    if (json) h['Content-Type'] = 'application/json';
    if (framed) h['X-Chat-Session'] = sessionId || 'new';
    return h;
  }

  function randomId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function setStatus(text) {
    status.textContent = text || '';
  }

  // Links in replies (sources) become anchors; everything else stays text.
  const URL_PATTERN = /https?:\/\/[^\s<>"')]+[^\s<>"').,;:!?]/g;
  function appendText(parent, text) {
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      const a = document.createElement('a');
      a.href = match[0];
      a.textContent = match[0];
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      parent.appendChild(a);
      last = match.index + match[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function describeAttachment(a) {
    switch (a.kind) {
      case 'photo':
        return '[Ảnh]';
      case 'file':
        return `[Tệp${a.name ? `: ${a.name}` : ''}]`;
      case 'location':
        return `[Vị trí: ${a.latitude}, ${a.longitude}]`;
      default:
        return '[Tệp đính kèm]';
    }
  }

  function removeQuickReplies() {
    for (const group of list.querySelectorAll('.quick-replies')) group.remove();
  }

  function renderQuickReplies(item, quickReplies) {
    const group = document.createElement('div');
    group.className = 'quick-replies';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Lựa chọn trả lời nhanh');
    for (const q of quickReplies) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = q.label;
      button.dataset.action = q.action;
      button.addEventListener('click', () => {
        void send({ text: q.label, action: q.action });
      });
      group.appendChild(button);
    }
    item.appendChild(group);
  }

  /** Adds one transcript line; returns its element, or undefined when it was shown already. */
  function render(message) {
    if (seen.has(message.id)) return undefined;
    seen.add(message.id);
    lastId = Math.max(lastId, message.id);
    removeQuickReplies();
    const item = document.createElement('li');
    item.className = `message ${message.from === 'resident' ? 'resident' : 'bot'}`;
    item.dataset.id = String(message.id);
    const who = document.createElement('span');
    who.className = 'visually-hidden';
    who.textContent = message.from === 'resident' ? 'Bạn: ' : 'Trợ lý: ';
    item.appendChild(who);
    const body = document.createElement('span');
    body.className = 'text';
    appendText(body, message.text);
    for (const a of message.attachments || []) {
      body.appendChild(document.createTextNode(`${message.text ? '\n' : ''}${describeAttachment(a)}`));
    }
    item.appendChild(body);
    if (message.from === 'bot' && message.quickReplies && message.quickReplies.length > 0) {
      renderQuickReplies(item, message.quickReplies);
    }
    list.appendChild(item);
    return item;
  }

  // An empty chat shows its main actions as buttons (the core's own actions: the same as its menu).
  const START_ACTIONS = [
    { label: 'Hỏi về thủ tục hành chính', action: 'intent:ask' },
    { label: 'Gửi phản ánh, kiến nghị', action: 'intent:petition' },
    { label: 'Tra cứu mã phản ánh', action: 'intent:track' },
  ];
  function showStartMenu() {
    if (lastId > 0 || document.getElementById('start-menu')) return;
    const menu = document.createElement('div');
    menu.id = 'start-menu';
    menu.className = 'quick-replies start-menu';
    menu.setAttribute('role', 'group');
    menu.setAttribute('aria-label', 'Bắt đầu');
    for (const q of START_ACTIONS) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = q.label;
      button.dataset.action = q.action;
      button.addEventListener('click', () => void send({ text: q.label, action: q.action }));
      menu.appendChild(button);
    }
    document.getElementById('intro').after(menu);
  }
  function hideStartMenu() {
    document.getElementById('start-menu')?.remove();
  }

  function scrollToEnd() {
    scroller.scrollTop = scroller.scrollHeight;
  }

  // A new answer longer than the visible part of the chat opens at its start, so it is read from the top; a short
  // one just brings the end into view.
  function reveal(firstNewBot) {
    if (firstNewBot && firstNewBot.offsetHeight > scroller.clientHeight * 0.6) {
      scroller.scrollTop += firstNewBot.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8;
    } else {
      scrollToEnd();
    }
  }

  function renderAll(messages) {
    const sorted = messages.slice().sort((a, b) => a.id - b.id);
    let firstNewBot;
    let added = false;
    for (const m of sorted) {
      const item = render(m);
      if (!item) continue;
      added = true;
      if (!firstNewBot && m.from === 'bot') firstNewBot = item;
    }
    if (added) {
      hideStartMenu();
      reveal(firstNewBot);
    }
  }

  async function fetchNew() {
    if (framed && !sessionId) return;
    for (let page = 0; page < 50; page++) {
      const response = await fetch(`${API}/messages?after=${lastId}`, {
        headers: headers(false),
        credentials: 'same-origin',
      });
      if (!response.ok) return;
      const data = await response.json();
      renderAll(data.messages || []);
      if (!data.hasMore) return;
    }
  }

  function pendingBubble(text) {
    const item = document.createElement('li');
    item.className = 'message resident pending';
    item.setAttribute('aria-hidden', 'true');
    item.textContent = text;
    list.appendChild(item);
    scrollToEnd();
    return item;
  }

  async function send({ text, action }) {
    if (sending) return;
    const trimmed = (text || '').trim();
    if (!trimmed && !action) {
      setStatus('Vui lòng nhập câu hỏi trước khi gửi.');
      input.focus();
      return;
    }
    sending = true;
    sendButton.disabled = true;
    setStatus('');
    removeQuickReplies();
    const pending = pendingBubble(trimmed);
    typing.hidden = false;
    const body = { text: trimmed, clientMessageId: randomId() };
    if (action) body.action = action;
    try {
      let response;
      // one retry with the same clientMessageId: the server answers a repeated id once
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          response = await fetch(`${API}/messages`, {
            method: 'POST',
            headers: headers(true),
            credentials: 'same-origin',
            body: JSON.stringify(body),
          });
          break;
        } catch (error) {
          if (attempt === 1) throw error;
        }
      }
      const data = await response.json().catch(() => ({}));
      pending.remove();
      if (!response.ok) {
        setStatus(data.message || 'Không gửi được tin nhắn. Vui lòng thử lại.');
        if (!action) input.value = trimmed;
        return;
      }
      if (data.sessionId && framed) rememberSession(data.sessionId);
      if (!action) input.value = '';
      renderAll(data.messages || []);
      void listen();
    } catch {
      pending.remove();
      setStatus('Mất kết nối. Vui lòng kiểm tra mạng và gửi lại.');
      if (!action) input.value = trimmed;
    } finally {
      typing.hidden = true;
      sending = false;
      sendButton.disabled = false;
      autoGrow();
      // keyboard users continue where they type; the pressed button no longer exists
      const buttons = list.querySelectorAll('.quick-replies button');
      if (action && buttons.length > 0) buttons[0].focus();
      else input.focus();
    }
  }

  // A photo or file (the intake asks for photos): sent as it is; the server checks what it really is.
  async function upload(file) {
    if (sending || !file) return;
    if (file.size > 10 * 1024 * 1024) {
      setStatus('Tệp quá lớn: tối đa 10 MB. Vui lòng chụp lại ảnh nhỏ hơn hoặc gửi tệp khác.');
      return;
    }
    sending = true;
    sendButton.disabled = true;
    setStatus('');
    removeQuickReplies();
    const pending = pendingBubble(`[Đang gửi: ${file.name}]`);
    typing.hidden = false;
    try {
      const h = headers(false);
      h['Content-Type'] = 'application/octet-stream';
      h['X-File-Name'] = encodeURIComponent(file.name);
      h['X-Client-Message-Id'] = randomId();
      const response = await fetch(`${API}/attachments`, {
        method: 'POST',
        headers: h,
        credentials: 'same-origin',
        body: file,
      });
      const data = await response.json().catch(() => ({}));
      pending.remove();
      if (!response.ok) {
        setStatus(data.message || 'Không gửi được tệp. Vui lòng thử lại.');
        return;
      }
      if (data.sessionId && framed) rememberSession(data.sessionId);
      renderAll(data.messages || []);
      void listen();
    } catch {
      pending.remove();
      setStatus('Mất kết nối. Vui lòng kiểm tra mạng và gửi lại.');
    } finally {
      typing.hidden = true;
      sending = false;
      sendButton.disabled = false;
      attachInput.value = '';
      input.focus();
    }
  }
  attachInput?.addEventListener('change', () => void upload(attachInput.files?.[0]));

  function autoGrow() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 144)}px`;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send({ text: input.value });
  });
  input.addEventListener('keydown', (event) => {
    // isComposing: Vietnamese input methods use Enter while composing
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send({ text: input.value });
    }
  });
  input.addEventListener('input', autoGrow);

  // Embedded (embed.js): Escape closes the chat. Key presses in this frame never reach the embedding page, so
  // tell it; it checks that the message comes from this origin and this frame. The message carries no data.
  if (framed) {
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.isComposing) tellParent({ type: 'tiepdan:close' });
    });
  }

  function applyLargeText(on) {
    document.documentElement.classList.toggle('large-text', on);
    largeText.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  applyLargeText(storage?.getItem(LARGE_TEXT_KEY) === '1');
  largeText.addEventListener('click', () => {
    const on = largeText.getAttribute('aria-pressed') !== 'true';
    applyLargeText(on);
    storage?.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
  });

  // New lines (a tracking code, an officer's answer) are pushed by the server as Server-Sent Events, read with fetch
  // so a framed page can send its session header. Polling stays as the fallback while no stream is open.
  let streaming = false;
  let listenTimer;
  async function readEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n');
        if (data) {
          try {
            renderAll([JSON.parse(data)]);
          } catch {
            // a malformed event is skipped; the poll will fetch the line
          }
        }
        end = buffer.indexOf('\n\n');
      }
    }
  }
  async function listen(delay = 0) {
    if (streaming || (framed && !sessionId) || !window.ReadableStream) return;
    clearTimeout(listenTimer);
    streaming = true;
    let retry = delay;
    try {
      const response = await fetch(`${API}/events?after=${lastId}`, {
        headers: headers(false),
        credentials: 'same-origin',
      });
      // 204: no conversation yet; listening starts after the first message
      if (response.status === 204 || !response.ok || !response.body) {
        retry = -1;
        return;
      }
      await readEvents(response);
      retry = 1000;
    } catch {
      retry = Math.min(Math.max(delay * 2, 2000), 30000);
    } finally {
      streaming = false;
      if (retry >= 0) listenTimer = setTimeout(() => void listen(retry), retry);
    }
  }

  setInterval(() => {
    if (!sending && !streaming && document.visibilityState === 'visible') fetchNew().catch(() => undefined);
  }, POLL_MS);
  fetchNew()
    .then(() => {
      showStartMenu();
      void listen();
    })
    .catch(() => setStatus('Không tải được cuộc trò chuyện. Vui lòng tải lại trang.'))
    .finally(() => {
      document.body.dataset.ready = 'true';
    });
})();
