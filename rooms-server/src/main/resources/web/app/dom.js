// Builds elements. Every string from the server or a user goes in as a text node (textContent), never as HTML:
// there is no innerHTML anywhere in the client.

/**
 * h('button', {class: 'primary', onclick: f, dataset: {id: 3}}, 'Send', child, ...)
 * Attributes are set with setAttribute (strings only), handlers with on*, children as nodes or text.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name in element && typeof value !== 'string') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** "14:05" today, "3 Dec 14:05" before. */
export function formatTime(iso) {
  const date = new Date(iso);
  const time = date.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
  return date.toDateString() === new Date().toDateString()
    ? time
    : `${date.toLocaleDateString([], {day: 'numeric', month: 'short'})} ${time}`;
}
