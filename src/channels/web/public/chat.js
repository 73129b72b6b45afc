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

  function render(message) {
    if (seen.has(message.id)) return;
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
  }

  function scrollToEnd() {
    scroller.scrollTop = scroller.scrollHeight;
  }

  function renderAll(messages) {
    const sorted = messages.slice().sort((a, b) => a.id - b.id);
    for (const m of sorted) render(m);
    if (sorted.length > 0) scrollToEnd();
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

  setInterval(() => {
    if (!sending && document.visibilityState === 'visible') fetchNew().catch(() => undefined);
  }, POLL_MS);
  fetchNew()
    .catch(() => setStatus('Không tải được cuộc trò chuyện. Vui lòng tải lại trang.'))
    .finally(() => {
      document.body.dataset.ready = 'true';
    });
})();
