// Embeddable web chat: <script src="https://<tiepdan>/embed.js" defer></script> adds a floating button that opens the chat.
// Options as attributes on the script tag: data-label="Hỏi đáp", data-position="left".
(() => {
  const script = document.currentScript;
  if (!script || document.getElementById('tiepdan-chat-button')) return;
  const origin = new URL(script.src, window.location.href).origin;
  const label = script.dataset.label || 'Hỏi đáp trực tuyến';
  const side = script.dataset.position === 'left' ? 'left' : 'right';

  const button = document.createElement('button');
  button.id = 'tiepdan-chat-button';
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'tiepdan-chat-frame');
  Object.assign(button.style, {
    position: 'fixed',
    bottom: '1rem',
    [side]: '1rem',
    zIndex: '2147483000',
    minHeight: '3rem',
    padding: '0 1.25rem',
    border: '0',
    borderRadius: '1.5rem',
    background: '#0b5cad',
    color: '#fff',
    font: '600 1rem system-ui, sans-serif',
    boxShadow: '0 2px 8px rgba(0,0,0,.3)',
    cursor: 'pointer',
  });

  // The chat frame is third-party here and may not keep storage; this page keeps its session id instead.
  const SESSION_KEY = 'tiepdan.chatSession';
  function storedSession() {
    try {
      const id = window.localStorage.getItem(SESSION_KEY);
      return id && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
    } catch {
      return undefined;
    }
  }
  window.addEventListener('message', (event) => {
    if (event.origin !== origin || !frame || event.source !== frame.contentWindow) return;
    const data = event.data;
    if (data && data.type === 'tiepdan:session' && typeof data.sessionId === 'string') {
      try {
        window.localStorage.setItem(SESSION_KEY, data.sessionId);
      } catch {
        // storage blocked: the conversation lasts as long as the page
      }
    }
  });

  let frame;
  function open() {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = 'tiepdan-chat-frame';
      frame.title = 'Hỏi đáp thủ tục hành chính';
      const session = storedSession();
      frame.src = `${origin}/?embed=1${session ? `#session=${session}` : ''}`;
      frame.setAttribute('allow', 'clipboard-write');
      Object.assign(frame.style, {
        position: 'fixed',
        bottom: '4.5rem',
        [side]: '1rem',
        zIndex: '2147483000',
        width: 'min(26rem, calc(100vw - 2rem))',
        height: 'min(40rem, calc(100vh - 6rem))',
        border: '1px solid #d0d7de',
        borderRadius: '0.75rem',
        background: '#fff',
        boxShadow: '0 4px 16px rgba(0,0,0,.3)',
      });
      document.body.appendChild(frame);
    }
    frame.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    frame.focus();
  }
  function close() {
    if (frame) frame.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-expanded') === 'true') close();
    else open();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') close();
  });

  if (document.body) document.body.appendChild(button);
  else document.addEventListener('DOMContentLoaded', () => document.body.appendChild(button));
})();
