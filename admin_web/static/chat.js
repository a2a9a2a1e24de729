// The web chat (admin_web/templates/chat.html): plain JavaScript over the chat server's API.
//
// Live events come through the websocket /api/v1/ws (the panel's session cookie signs it in);
// pages of history, sending, search, new conversations (direct, announcement channels,
// support threads) and "seen by" go through REST. Every message is kept by its sequence
// number per conversation, so a message that arrives twice (live and in a page, or again
// after a reconnect) is shown once. After a reconnect the client sends the last sequence
// number it holds per conversation and the server replays what was missed. Messages being
// sent keep their client_id until the server has stored them, so a retry after a dropped
// connection can never post twice. "Seen by" counts come from the members' read markers
// (fetched when a conversation opens, then moved by live read events).
//
// Safety: a message body is only ever the server's sanitised "html"; names, file names and
// anything else typed by people go in with textContent. User-facing text comes translated
// from the page (#chat-strings), never from this file.
(() => {
  "use strict";

  const root = document.getElementById("chat");
  if (!root) {
    return;
  }
  const byId = (id) => document.getElementById(id);
  const config = JSON.parse(byId("chat-config").textContent);
  const strings = JSON.parse(byId("chat-strings").textContent);
  const API = "/api/v1";
  const ME = config.person_id;
  const PAGE = 50;
  const TYPING_EVERY_MS = 3000;
  const TYPING_SHOWN_MS = 5000;
  const PING_EVERY_MS = 25000;

  const el = {
    list: byId("chat-list"),
    title: byId("chat-title"),
    status: byId("chat-status"),
    back: byId("chat-back"),
    scroll: byId("chat-scroll"),
    earlier: byId("chat-earlier"),
    placeholder: byId("chat-placeholder"),
    messages: byId("chat-messages"),
    typing: byId("chat-typing"),
    error: byId("chat-error"),
    readonly: byId("chat-readonly"),
    reply: byId("chat-reply"),
    replyText: byId("chat-reply-text"),
    replyCancel: byId("chat-reply-cancel"),
    compose: byId("chat-compose"),
    text: byId("chat-text"),
    files: byId("chat-files"),
    chosen: byId("chat-chosen"),
    search: byId("chat-search"),
    searchInput: byId("chat-search-q"),
    results: byId("chat-results"),
    resultsClose: byId("chat-results-close"),
    hits: byId("chat-hits"),
    newButton: byId("chat-new"),
    directory: byId("chat-directory"),
    directoryInput: byId("chat-directory-q"),
    people: byId("chat-people"),
    channelButton: byId("chat-channel-new"),
    channelForm: byId("chat-channel"),
    askButton: byId("chat-ask-new"),
    askForm: byId("chat-ask"),
    waiting: byId("chat-waiting"),
  };

  // --- state ------------------------------------------------------------------------------

  /** id -> {view, messages: Map(seq -> message), loaded, hasMore, reads: Map(person -> seq)} */
  const conversations = new Map();
  /** Conversation ids, most recently active first. */
  let order = [];
  let current = null;
  let replyTo = null;
  /** client_id -> {client_id, conversation_id, text, reply_to_id, files, attachment_ids} */
  const pending = new Map();
  let flushing = false;
  let socket = null;
  let ready = false;
  let connectedOnce = false;
  let backoffMs = 1000;
  let pingTimer = null;
  let typingShownTimer = null;
  let typingPerson = null;
  let lastTypingSent = 0;
  const originalTitle = document.title;

  function t(key, params) {
    let text = strings[key] || "";
    for (const [name, value] of Object.entries(params || {})) {
      text = text.split("{" + name + "}").join(String(value));
    }
    return text;
  }

  function upsert(view) {
    const known = conversations.get(view.id);
    if (known) {
      known.view = view;
    } else {
      conversations.set(view.id, { view, messages: new Map(), loaded: false, hasMore: false, reads: null });
      order.push(view.id);
    }
    return conversations.get(view.id);
  }

  function lastSeen(conversation) {
    let last = null;
    for (const seq of conversation.messages.keys()) {
      if (last === null || seq > last) {
        last = seq;
      }
    }
    return last;
  }

  function firstSeen(conversation) {
    let first = null;
    for (const seq of conversation.messages.keys()) {
      if (first === null || seq < first) {
        first = seq;
      }
    }
    return first;
  }

  function findMessage(conversation, messageId) {
    for (const message of conversation.messages.values()) {
      if (message.id === messageId) {
        return message;
      }
    }
    return null;
  }

  // --- the REST API -----------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(method, path, body) {
    const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (method !== "GET") {
      init.headers["X-CSRF-Token"] = config.csrf_token;
    }
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(API + path, init);
    } catch (_networkError) {
      throw new ApiError(0, t("offline"));
    }
    let data = null;
    try {
      data = await response.json();
    } catch (_notJson) {
      data = null;
    }
    if (!response.ok) {
      const error = data && data.error;
      throw new ApiError(response.status, (error && error.message) || t("failed"));
    }
    return data;
  }

  function showError(message) {
    el.error.textContent = message;
    el.error.hidden = !message;
  }

  // --- rendering --------------------------------------------------------------------------

  const timeParts = (() => {
    const options = {
      timeZone: config.timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    };
    let format;
    try {
      format = new Intl.DateTimeFormat("en-GB", options);
    } catch (_unknownZone) {
      delete options.timeZone;
      format = new Intl.DateTimeFormat("en-GB", options);
    }
    return (moment) => {
      const parts = {};
      for (const part of format.formatToParts(moment)) {
        parts[part.type] = part.value;
      }
      return parts;
    };
  })();

  /** "14:05" today, "31.12.2026 14:05" on other days, in the organisation's time zone. */
  function formatTime(iso) {
    const parts = timeParts(new Date(iso));
    const today = timeParts(new Date());
    const clock = parts.hour + ":" + parts.minute;
    if (parts.day === today.day && parts.month === today.month && parts.year === today.year) {
      return clock;
    }
    return parts.day + "." + parts.month + "." + parts.year + " " + clock;
  }

  function node(tag, className, text) {
    const element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    if (text !== undefined) {
      element.textContent = text;
    }
    return element;
  }

  function renderList() {
    el.list.replaceChildren();
    let unreadTotal = 0;
    for (const id of order) {
      const { view } = conversations.get(id);
      const item = node("li");
      const link = node("a");
      link.href = "#" + id;
      link.dataset.id = String(id);
      link.classList.toggle("active", id === current);
      link.classList.toggle("left", view.left);
      link.append(node("span", "chat-list-title", view.title));
      if (view.unread > 0) {
        unreadTotal += view.unread;
        const badge = node("span", "badge", String(view.unread));
        badge.setAttribute("aria-label", t("unread", { count: view.unread }));
        link.append(" ", badge);
      }
      item.append(link);
      el.list.append(item);
    }
    if (!order.length) {
      el.list.append(node("li", "muted", t("noConversations")));
    }
    document.title = unreadTotal ? "(" + unreadTotal + ") " + originalTitle : originalTitle;
  }

  function renderHead() {
    const conversation = current === null ? null : conversations.get(current);
    el.title.textContent = conversation ? conversation.view.title : t("chat");
    el.placeholder.hidden = conversation !== null;
    el.compose.hidden = !conversation || !conversation.view.can_post;
    el.readonly.hidden = !conversation || conversation.view.can_post;
    el.earlier.hidden = !conversation || !conversation.hasMore;
  }

  function messageItem(conversation, message) {
    const mine = message.author_id === ME;
    const item = node("li", "msg");
    item.dataset.seq = String(message.seq);
    item.dataset.id = String(message.id);
    item.classList.toggle("mine", mine);
    item.classList.toggle("hidden", message.hidden);

    const head = node("div", "msg-head");
    head.append(node("span", "msg-author", message.author_name));
    const time = node("time", "msg-time", formatTime(message.created_at));
    time.dateTime = message.created_at;
    head.append(" ", time);
    if (message.edited_at && !message.hidden) {
      head.append(" ", node("span", "msg-edited", "(" + t("edited") + ")"));
    }
    item.append(head);

    if (message.reply_to_id && !message.hidden) {
      const quoted = findMessage(conversation, message.reply_to_id);
      if (quoted) {
        const reply = node("div", "msg-quote");
        reply.append(node("span", "msg-quote-author", t("inReplyTo", { name: quoted.author_name })));
        reply.append(" ", node("span", "msg-quote-text", quoted.hidden ? t("hidden") : quoted.text.slice(0, 120)));
        item.append(reply);
      }
    }

    const body = node("div", "msg-body");
    if (message.hidden) {
      body.textContent = t("hidden");
    } else {
      // The server's sanitised rendering (core/chat_markup.py): the one place HTML is used.
      body.innerHTML = message.html;
    }
    item.append(body);

    if (message.attachments.length) {
      const files = node("ul", "msg-files");
      for (const attachment of message.attachments) {
        const link = node("a", "", attachment.filename);
        link.href = API + "/attachments/" + attachment.id;
        link.rel = "noopener";
        const entry = node("li");
        const size = t("sizeKb", { size: Math.max(1, Math.round(attachment.size / 1024)) });
        entry.append(link, " ", node("span", "muted", size));
        files.append(entry);
      }
      item.append(files);
    }

    const canAct = !message.hidden && conversation.view.can_post;
    const showSeen = mine && !message.hidden && conversation.reads !== null;
    if (canAct || showSeen) {
      const actions = node("div", "msg-actions");
      if (showSeen) {
        const seen = actionButton("seen", t("seenBy", { count: seenCount(conversation, message) }));
        seen.classList.add("msg-seen");
        seen.setAttribute("aria-expanded", "false");
        seen.setAttribute("aria-controls", "chat-readers-" + message.id);
        actions.append(seen);
      }
      if (canAct) {
        actions.append(actionButton("reply", t("reply")));
        if (mine) {
          actions.append(actionButton("edit", t("edit")));
        }
        if (mine || config.can_moderate) {
          actions.append(actionButton("hide", t("hide")));
        }
      }
      item.append(actions);
    }
    return item;
  }

  /** How many other members have read up to this message, as far as this page knows. */
  function seenCount(conversation, message) {
    let count = 0;
    for (const [personId, readSeq] of conversation.reads) {
      if (personId !== message.author_id && readSeq >= message.seq) {
        count += 1;
      }
    }
    return count;
  }

  /** Update the "Seen by" counts in place, so an open list of readers stays open. */
  function refreshSeen() {
    if (current === null) {
      return;
    }
    const conversation = conversations.get(current);
    for (const button of el.messages.querySelectorAll("button.msg-seen")) {
      const message = conversation.messages.get(Number(button.closest("li.msg").dataset.seq));
      if (message) {
        button.textContent = t("seenBy", { count: seenCount(conversation, message) });
      }
    }
  }

  function noteRead(conversation, personId, seq) {
    if (conversation.reads !== null) {
      conversation.reads.set(personId, Math.max(conversation.reads.get(personId) || 0, seq));
    }
  }

  function actionButton(action, label) {
    const button = node("button", "link", label);
    button.type = "button";
    button.dataset.action = action;
    return button;
  }

  function pendingItem(entry) {
    const item = node("li", "msg mine pending");
    item.dataset.clientId = entry.client_id;
    const body = node("div", "msg-body msg-plain", entry.text);
    item.append(body);
    item.append(node("div", "msg-state muted", entry.failed ? t("notSent") : t("sending")));
    return item;
  }

  function atBottom() {
    const box = el.scroll;
    return box.scrollHeight - box.scrollTop - box.clientHeight < 48;
  }

  function scrollToBottom() {
    el.scroll.scrollTop = el.scroll.scrollHeight;
  }

  function renderMessages() {
    el.messages.replaceChildren();
    if (current === null) {
      return;
    }
    const conversation = conversations.get(current);
    const seqs = [...conversation.messages.keys()].sort((a, b) => a - b);
    for (const seq of seqs) {
      el.messages.append(messageItem(conversation, conversation.messages.get(seq)));
    }
    for (const entry of pending.values()) {
      if (entry.conversation_id === current) {
        el.messages.append(pendingItem(entry));
      }
    }
  }

  /** Put one message in its place among those shown (or replace it), keeping the order. */
  function placeMessage(conversation, message) {
    const item = messageItem(conversation, message);
    const existing = el.messages.querySelector('li[data-seq="' + message.seq + '"]');
    if (existing) {
      existing.replaceWith(item);
      return;
    }
    for (const other of el.messages.children) {
      if (other.classList.contains("pending") || Number(other.dataset.seq) > message.seq) {
        other.before(item);
        return;
      }
    }
    el.messages.append(item);
  }

  function dropPendingItem(clientId) {
    const item = el.messages.querySelector('li[data-client-id="' + CSS.escape(clientId) + '"]');
    if (item) {
      item.remove();
    }
  }

  // --- conversations ----------------------------------------------------------------------

  async function loadPage(conversation, beforeSeq) {
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (beforeSeq !== null) {
      params.set("before", String(beforeSeq));
    }
    const page = await api("GET", "/conversations/" + conversation.view.id + "/messages?" + params);
    for (const message of page.messages) {
      conversation.messages.set(message.seq, message);
    }
    conversation.hasMore = page.has_more;
    conversation.loaded = true;
  }

  /** Each member's read marker, for the "Seen by" counts (kept up to date by read events). */
  async function loadReads(conversation) {
    const data = await api("GET", "/conversations/" + conversation.view.id);
    conversation.reads = readsOf(data.members);
  }

  function readsOf(members) {
    return new Map(members.map((member) => [member.person_id, member.read_seq]));
  }

  async function openConversation(id, focusSeq) {
    const conversation = conversations.get(id);
    if (!conversation) {
      return;
    }
    current = id;
    replyTo = null;
    el.reply.hidden = true;
    stopTyping();
    showError("");
    el.files.value = "";
    showChosen();
    root.dataset.view = "conversation";
    renderList();
    renderHead();
    renderMessages();
    // Messages that came live are on screen before the page loads: they count as read even
    // if the person leaves before the load finishes.
    markRead();
    try {
      const loading = [];
      if (!conversation.loaded) {
        loading.push(loadPage(conversation, null));
      }
      if (conversation.reads === null) {
        loading.push(loadReads(conversation));
      }
      await Promise.all(loading);
      // A search hit may be older than the newest page: page back to it.
      for (let pages = 0; focusSeq && !conversation.messages.has(focusSeq) && conversation.hasMore && pages < 20; pages++) {
        await loadPage(conversation, firstSeen(conversation));
      }
    } catch (error) {
      showError(error.message);
    }
    if (current !== id) {
      return;
    }
    renderHead();
    renderMessages();
    const focused = focusSeq && el.messages.querySelector('li[data-seq="' + focusSeq + '"]');
    if (focused) {
      focused.classList.add("found");
      focused.scrollIntoView({ block: "center" });
    } else {
      scrollToBottom();
    }
    markRead();
    if (conversation.view.can_post && window.matchMedia("(min-width: 48rem)").matches) {
      el.text.focus();
    }
  }

  function stopTyping() {
    typingPerson = null;
    el.typing.textContent = "";
  }

  function closeConversation() {
    current = null;
    root.dataset.view = "list";
    renderList();
    renderHead();
    renderMessages();
  }

  async function ensureConversation(id) {
    if (!conversations.has(id)) {
      const data = await api("GET", "/conversations/" + id);
      upsert(data.conversation).reads = readsOf(data.members);
    }
    return conversations.get(id);
  }

  function markRead() {
    if (current === null || document.visibilityState !== "visible") {
      return;
    }
    const conversation = conversations.get(current);
    const seq = lastSeen(conversation);
    if (seq === null || seq <= conversation.view.read_seq) {
      return;
    }
    conversation.view.read_seq = seq;
    conversation.view.unread = Math.max(0, conversation.view.last_seq - seq);
    renderList();
    if (ready) {
      send({ type: "read", conversation_id: current, seq });
    } else {
      api("POST", "/conversations/" + current + "/read", { seq }).catch(() => {});
    }
  }

  function moveToTop(id) {
    order = [id, ...order.filter((other) => other !== id)];
  }

  /** A message from the server (live, replayed, or the answer to a send), shown once. */
  async function receive(message, changed) {
    let conversation;
    try {
      conversation = await ensureConversation(message.conversation_id);
    } catch (_gone) {
      return;
    }
    const known = conversation.messages.has(message.seq);
    conversation.messages.set(message.seq, message);
    if (message.client_id && message.author_id === ME && pending.has(message.client_id)) {
      pending.delete(message.client_id);
      dropPendingItem(message.client_id);
    }
    if (!known && !changed) {
      const view = conversation.view;
      view.last_seq = Math.max(view.last_seq, message.seq);
      if (message.author_id === ME) {
        view.read_seq = Math.max(view.read_seq, message.seq);
      }
      view.unread = Math.max(0, view.last_seq - view.read_seq);
      moveToTop(view.id);
    }
    if (current === conversation.view.id) {
      if (message.author_id === typingPerson) {
        stopTyping();
      }
      const follow = atBottom() || message.author_id === ME;
      placeMessage(conversation, message);
      if (follow) {
        scrollToBottom();
      }
      markRead();
    }
    renderList();
  }

  // --- sending ----------------------------------------------------------------------------

  function newClientId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    // randomUUID needs a secure context; a panel served over plain HTTP on a LAN has none.
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  /** Try to store one message; false when the network failed (kept for the next try). */
  async function deliver(entry) {
    try {
      while (entry.files.length) {
        const form = new FormData();
        form.append("file", entry.files[0]);
        const attachment = await api("POST", "/conversations/" + entry.conversation_id + "/attachments", form);
        entry.attachment_ids.push(attachment.id);
        entry.files.shift();
      }
      const message = await api("POST", "/conversations/" + entry.conversation_id + "/messages", {
        text: entry.text,
        client_id: entry.client_id,
        reply_to_id: entry.reply_to_id,
        attachment_ids: entry.attachment_ids,
      });
      await receive(message, false);
      return true;
    } catch (error) {
      if (error.status === 0 || error.status >= 500) {
        entry.failed = true;
        if (current === entry.conversation_id) {
          dropPendingItem(entry.client_id);
          el.messages.append(pendingItem(entry));
        }
        return false;
      }
      // Refused (too long, no longer a member, too fast…): say why and give the text back.
      pending.delete(entry.client_id);
      dropPendingItem(entry.client_id);
      showError(error.message);
      if (current === entry.conversation_id && !el.text.value) {
        el.text.value = entry.text;
      }
      return true;
    }
  }

  /** Send what is waiting, in the order it was written; stop at the first network failure. */
  async function flushPending() {
    if (flushing) {
      return;
    }
    flushing = true;
    try {
      for (const entry of pending.values()) {
        if (!(await deliver(entry))) {
          window.setTimeout(flushPending, backoffMs);
          break;
        }
      }
    } finally {
      flushing = false;
    }
  }

  function submit(event) {
    event.preventDefault();
    const text = el.text.value;
    const files = [...el.files.files];
    if (current === null || (!text.trim() && !files.length)) {
      return;
    }
    const entry = {
      client_id: newClientId(),
      conversation_id: current,
      text,
      reply_to_id: replyTo ? replyTo.id : null,
      files,
      attachment_ids: [],
      failed: false,
    };
    el.text.value = "";
    el.files.value = "";
    showChosen();
    replyTo = null;
    el.reply.hidden = true;
    showError("");
    pending.set(entry.client_id, entry);
    el.messages.append(pendingItem(entry));
    scrollToBottom();
    flushPending();
  }

  // --- message actions --------------------------------------------------------------------

  function startEdit(item, message) {
    const form = node("form", "msg-edit");
    const area = node("textarea");
    area.value = message.text;
    area.maxLength = 4000;
    area.rows = 3;
    const save = node("button", "", t("save"));
    save.type = "submit";
    const cancel = node("button", "secondary", t("cancel"));
    cancel.type = "button";
    cancel.addEventListener("click", () => placeMessage(conversations.get(message.conversation_id), message));
    form.append(area, save, cancel);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const changed = await api("PATCH", "/messages/" + message.id, { text: area.value });
        showError("");
        await receive(changed, true);
      } catch (error) {
        showError(error.message);
      }
    });
    item.querySelector(".msg-body").replaceWith(form);
    area.focus();
  }

  async function hide(message) {
    if (!window.confirm(t("confirmHide"))) {
      return;
    }
    try {
      const changed = await api("POST", "/messages/" + message.id + "/hide", { reason: "" });
      showError("");
      await receive(changed, true);
    } catch (error) {
      showError(error.message);
    }
  }

  /** Open (or close) the list of who has read one of the person's own messages. */
  async function toggleReaders(item, button, message) {
    const shown = item.querySelector(".msg-readers");
    if (shown) {
      shown.remove();
      button.setAttribute("aria-expanded", "false");
      return;
    }
    let data;
    try {
      data = await api("GET", "/messages/" + message.id + "/readers");
    } catch (error) {
      showError(error.message);
      return;
    }
    const conversation = conversations.get(message.conversation_id);
    for (const reader of data.readers) {
      noteRead(conversation, reader.person_id, message.seq);
    }
    const list = node("ul", "msg-readers");
    list.id = "chat-readers-" + message.id;
    for (const reader of data.readers) {
      list.append(node("li", "", reader.name));
    }
    if (!data.readers.length) {
      list.append(node("li", "muted", t("seenByNobody")));
    }
    const again = item.querySelector(".msg-readers");
    if (again) {
      again.remove();
    }
    item.append(list);
    button.setAttribute("aria-expanded", "true");
    refreshSeen();
  }

  el.messages.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button || current === null) {
      return;
    }
    const item = button.closest("li.msg");
    const conversation = conversations.get(current);
    const message = conversation.messages.get(Number(item.dataset.seq));
    if (!message) {
      return;
    }
    if (button.dataset.action === "reply") {
      replyTo = message;
      el.replyText.textContent = t("replyingTo", { name: message.author_name });
      el.reply.hidden = false;
      el.text.focus();
    } else if (button.dataset.action === "edit") {
      startEdit(item, message);
    } else if (button.dataset.action === "hide") {
      hide(message);
    } else if (button.dataset.action === "seen") {
      toggleReaders(item, button, message);
    }
  });

  // --- the websocket ----------------------------------------------------------------------

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
    }
  }

  function setStatus(key) {
    el.status.textContent = key ? t(key) : "";
    root.classList.toggle("offline", key === "offline");
  }

  function connect() {
    if (!connectedOnce) {
      setStatus("connecting");
    }
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + API + "/ws");
    let greeted = false;
    socket.addEventListener("message", (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (_malformed) {
        return;
      }
      if (frame.type === "hello") {
        greeted = true;
        connectedOnce = true;
      }
      handle(frame);
    });
    socket.addEventListener("close", () => {
      ready = false;
      socket = null;
      window.clearInterval(pingTimer);
      setStatus("offline");
      if (!greeted) {
        // Refused before the greeting: perhaps the session ended. The REST answer tells.
        api("GET", "/conversations").catch((error) => {
          if (error.status === 401) {
            window.location.assign("/login?next=" + encodeURIComponent("/chat"));
          }
        });
      }
      const delay = backoffMs + Math.random() * 500;
      backoffMs = Math.min(backoffMs * 2, 30000);
      window.setTimeout(connect, delay);
    });
  }

  function handle(frame) {
    switch (frame.type) {
      case "hello": {
        for (const view of frame.conversations) {
          upsert(view);
        }
        renderList();
        renderHead();
        // Ask for everything after what we hold; the server answers, then says "resumed".
        const seen = {};
        for (const [id, conversation] of conversations) {
          const last = lastSeen(conversation);
          if (last !== null) {
            seen[String(id)] = last;
          }
        }
        send({ type: "resume", conversations: seen });
        pingTimer = window.setInterval(() => send({ type: "ping" }), PING_EVERY_MS);
        break;
      }
      case "resumed":
        ready = true;
        backoffMs = 1000;
        setStatus("");
        markRead();
        flushPending();
        break;
      case "message":
        receive(frame.message, false);
        break;
      case "message_changed":
        receive(frame.message, true);
        break;
      case "ack":
        receive(frame.message, false);
        break;
      case "read": {
        const conversation = conversations.get(frame.conversation_id);
        if (conversation && frame.person_id === ME) {
          const view = conversation.view;
          view.read_seq = Math.max(view.read_seq, frame.read_seq);
          view.unread = Math.max(0, view.last_seq - view.read_seq);
          renderList();
        } else if (conversation) {
          noteRead(conversation, frame.person_id, frame.read_seq);
          if (frame.conversation_id === current) {
            refreshSeen();
          }
        }
        break;
      }
      case "typing":
        if (frame.person_id !== ME && frame.conversation_id === current) {
          typingPerson = frame.person_id;
          el.typing.textContent = t("typing", { name: frame.name });
          window.clearTimeout(typingShownTimer);
          typingShownTimer = window.setTimeout(stopTyping, TYPING_SHOWN_MS);
        }
        break;
      case "conversation":
        upsert(frame.conversation);
        renderList();
        if (frame.conversation.id === current) {
          renderHead();
        }
        break;
      case "error":
        if (frame.message) {
          showError(frame.message);
        }
        break;
      default:
        break;
    }
  }

  // --- search and new conversations -------------------------------------------------------

  /** The panels under the side's buttons, [button, panel]; at most one is open. */
  const panels = [
    [el.newButton, el.directory],
    [el.channelButton, el.channelForm],
    [el.askButton, el.askForm],
  ].filter(([button, panel]) => button && panel);

  function showPanel(panel) {
    for (const [button, other] of panels) {
      other.hidden = other !== panel;
      button.setAttribute("aria-expanded", String(other === panel));
    }
    if (panel) {
      el.results.hidden = true;
    }
  }

  async function search(event) {
    event.preventDefault();
    const query = el.searchInput.value.trim();
    if (!query) {
      return;
    }
    showPanel(null);
    el.hits.replaceChildren();
    el.results.hidden = false;
    try {
      const data = await api("GET", "/search?" + new URLSearchParams({ q: query, limit: "20" }));
      for (const hit of data.hits) {
        const button = node("button", "chat-hit");
        button.type = "button";
        button.dataset.conversation = String(hit.message.conversation_id);
        button.dataset.seq = String(hit.message.seq);
        const head = node("span", "chat-hit-head");
        head.append(node("strong", "", hit.conversation_title), " · ", node("span", "", hit.message.author_name), " · ", node("time", "", formatTime(hit.message.created_at)));
        const body = node("span", "chat-hit-body");
        body.innerHTML = hit.message.html; // sanitised by the server
        button.append(head, body);
        const item = node("li");
        item.append(button);
        el.hits.append(item);
      }
      if (!data.hits.length) {
        el.hits.append(node("li", "muted", t("noHits")));
      }
    } catch (error) {
      el.hits.append(node("li", "error", error.message));
    }
  }

  el.hits.addEventListener("click", async (event) => {
    const button = event.target.closest("button.chat-hit");
    if (!button) {
      return;
    }
    const id = Number(button.dataset.conversation);
    try {
      await ensureConversation(id);
    } catch (error) {
      showError(error.message);
      return;
    }
    window.history.replaceState(null, "", "#" + id);
    openConversation(id, Number(button.dataset.seq));
  });

  let directoryTimer = null;

  async function loadDirectory() {
    const query = el.directoryInput.value.trim();
    el.people.replaceChildren();
    try {
      const data = await api("GET", "/directory?" + new URLSearchParams({ q: query }));
      for (const person of data.people) {
        const button = node("button", "link", person.name);
        button.type = "button";
        button.dataset.person = String(person.person_id);
        const item = node("li");
        item.append(button);
        el.people.append(item);
      }
      if (!data.people.length) {
        el.people.append(node("li", "muted", t("noPeople")));
      }
    } catch (error) {
      el.people.append(node("li", "error", error.message));
    }
  }

  for (const [button, panel] of panels) {
    button.addEventListener("click", () => {
      const opening = panel.hidden;
      showPanel(opening ? panel : null);
      if (opening) {
        panel.querySelector("input").focus();
        if (panel === el.directory) {
          loadDirectory();
        }
      }
    });
    const close = panel.querySelector("[data-close]");
    if (close) {
      close.addEventListener("click", () => {
        showPanel(null);
        button.focus();
      });
    }
  }

  el.directoryInput.addEventListener("input", () => {
    window.clearTimeout(directoryTimer);
    directoryTimer = window.setTimeout(loadDirectory, 250);
  });

  el.people.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-person]");
    if (!button) {
      return;
    }
    try {
      const view = await api("POST", "/conversations/direct", { person_id: Number(button.dataset.person) });
      upsert(view);
      moveToTop(view.id);
      showPanel(null);
      window.location.hash = "#" + view.id;
    } catch (error) {
      showError(error.message);
    }
  });

  function formError(form, message) {
    const box = form.querySelector(".error");
    box.textContent = message;
    box.hidden = !message;
  }

  /** Create a channel or a support thread from its form, then open it. */
  async function startConversation(form, path, body) {
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const view = await api("POST", path, body);
      formError(form, "");
      form.reset();
      showPanel(null);
      upsert(view);
      moveToTop(view.id);
      renderList();
      window.location.hash = "#" + view.id;
    } catch (error) {
      formError(form, error.message);
    } finally {
      button.disabled = false;
    }
  }

  if (config.can_create_channels && el.channelForm) {
    el.channelForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(el.channelForm);
      startConversation(el.channelForm, "/conversations/channels", {
        title: data.get("title"),
        audience: data.getAll("audience"),
        posters: data.getAll("posters"),
      });
    });
  }

  el.askForm.addEventListener("submit", (event) => {
    event.preventDefault();
    startConversation(el.askForm, "/conversations/support", {
      title: new FormData(el.askForm).get("title"),
    });
  });

  // Support threads no one here has answered yet: opening one joins it.
  if (el.waiting) {
    el.waiting.addEventListener("click", async (event) => {
      const button = event.target.closest("button[data-id]");
      if (!button) {
        return;
      }
      const id = Number(button.dataset.id);
      try {
        await ensureConversation(id);
      } catch (error) {
        showError(error.message);
        return;
      }
      button.closest("li").remove();
      const left = el.waiting.querySelectorAll("button[data-id]").length;
      el.waiting.querySelector(".badge").textContent = String(left);
      el.waiting.hidden = !left;
      moveToTop(id);
      renderList();
      window.location.hash = "#" + id;
    });
  }

  // --- wiring -----------------------------------------------------------------------------

  function fromHash() {
    const id = Number(window.location.hash.slice(1));
    if (id && conversations.has(id)) {
      if (id !== current) {
        openConversation(id, null);
      }
    } else if (current !== null) {
      closeConversation();
    }
  }

  function showChosen() {
    const names = [...el.files.files].map((file) => file.name);
    el.chosen.textContent = names.join(", ");
    el.chosen.hidden = !names.length;
  }

  el.compose.addEventListener("submit", submit);
  el.files.addEventListener("change", showChosen);
  el.text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      submit(event);
    }
  });
  el.text.addEventListener("input", () => {
    const now = Date.now();
    if (ready && current !== null && now - lastTypingSent > TYPING_EVERY_MS) {
      lastTypingSent = now;
      send({ type: "typing", conversation_id: current });
    }
  });
  el.replyCancel.addEventListener("click", () => {
    replyTo = null;
    el.reply.hidden = true;
  });
  el.earlier.addEventListener("click", async () => {
    const conversation = conversations.get(current);
    const before = el.scroll.scrollHeight;
    try {
      await loadPage(conversation, firstSeen(conversation));
    } catch (error) {
      showError(error.message);
      return;
    }
    renderHead();
    renderMessages();
    el.scroll.scrollTop += el.scroll.scrollHeight - before;
  });
  el.search.addEventListener("submit", search);
  el.resultsClose.addEventListener("click", () => {
    el.results.hidden = true;
  });
  window.addEventListener("hashchange", fromHash);
  window.addEventListener("online", flushPending);
  document.addEventListener("visibilitychange", markRead);

  for (const view of config.conversations) {
    upsert(view);
  }
  renderList();
  renderHead();
  fromHash();
  connect();
})();
