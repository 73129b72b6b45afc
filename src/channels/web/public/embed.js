// Embeddable web chat: <script src="https://<tiepdan>/embed.js" defer></script> adds a floating button that opens the chat.
// Options as attributes on the script tag: data-label="Hỏi đáp", data-position="left".
// The open chat has its own "Đóng" button above the frame; Escape closes it, also while typing in the frame
// (the frame tells this page with postMessage, since its key presses never reach this document).
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
  button.setAttribute('aria-controls', 'tiepdan-chat-panel');
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
    // only our own page in our own frame: any other window could post the same shapes
    if (event.origin !== origin || !frame || event.source !== frame.contentWindow) return;
    const data = event.data;
    if (data && data.type === 'tiepdan:session' && typeof data.sessionId === 'string') {
      try {
        window.localStorage.setItem(SESSION_KEY, data.sessionId);
      } catch {
        // storage blocked: the conversation lasts as long as the page
      }
    } else if (data && data.type === 'tiepdan:close' && isOpen()) {
      close();
    }
  });

  let panel;
  let frame;
  function isOpen() {
    return button.getAttribute('aria-expanded') === 'true';
  }
  function createPanel() {
    panel = document.createElement('div');
    panel.id = 'tiepdan-chat-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', 'Hỏi đáp thủ tục hành chính');
    Object.assign(panel.style, {
      position: 'fixed',
      bottom: '4.5rem',
      [side]: '1rem',
      zIndex: '2147483000',
      display: 'flex',
      flexDirection: 'column',
      alignItems: side === 'left' ? 'flex-start' : 'flex-end',
      gap: '0.25rem',
      width: 'min(26rem, calc(100vw - 2rem))',
    });
    // above the frame, not over it: the chat's own header has buttons there
    const closeButton = document.createElement('button');
    closeButton.id = 'tiepdan-chat-close';
    closeButton.type = 'button';
    closeButton.textContent = 'Đóng';
    const cross = document.createElement('span');
    cross.setAttribute('aria-hidden', 'true');
    cross.textContent = ' ✕';
    closeButton.appendChild(cross);
    closeButton.setAttribute('aria-label', 'Đóng hộp hỏi đáp');
    Object.assign(closeButton.style, {
      minHeight: '2.75rem',
      minWidth: '2.75rem',
      padding: '0 1rem',
      border: '1px solid #0b5cad',
      borderRadius: '1.375rem',
      background: '#fff',
      color: '#0b5cad',
      font: '600 1rem system-ui, sans-serif',
      boxShadow: '0 2px 8px rgba(0,0,0,.3)',
      cursor: 'pointer',
    });
    closeButton.addEventListener('click', () => close());
    frame = document.createElement('iframe');
    frame.id = 'tiepdan-chat-frame';
    frame.title = 'Hỏi đáp thủ tục hành chính';
    const session = storedSession();
    // the chat posts only to an origin it is told and EMBED_ORIGINS allows; it takes the session id only from such a page
    const hash = new URLSearchParams({ origin: window.location.origin });
    if (session) hash.set('session', session);
    frame.src = `${origin}/?embed=1#${hash.toString()}`;
    frame.setAttribute('allow', 'clipboard-write');
    Object.assign(frame.style, {
      boxSizing: 'border-box',
      width: '100%',
      height: 'min(40rem, calc(100vh - 9.5rem))',
      border: '1px solid #d0d7de',
      borderRadius: '0.75rem',
      background: '#fff',
      boxShadow: '0 4px 16px rgba(0,0,0,.3)',
    });
    panel.append(closeButton, frame);
    document.body.appendChild(panel);
  }
  function open() {
    if (!panel) createPanel();
    // the panel is laid out with an inline display, which the `hidden` attribute would not override
    panel.style.display = 'flex';
    button.setAttribute('aria-expanded', 'true');
    frame.focus();
  }
  function close() {
    if (panel) panel.style.display = 'none';
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-expanded') === 'true') close();
    else open();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isOpen()) close();
  });

  if (document.body) document.body.appendChild(button);
  else document.addEventListener('DOMContentLoaded', () => document.body.appendChild(button));
})();
