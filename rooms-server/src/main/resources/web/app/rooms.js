import {h, fill} from './dom.js';

/** The room list with search, the type filter and "only mine", and a form to create a room. */
export function roomListView(view, session, me) {
  const search = h('input', {type: 'search', name: 'search', placeholder: 'Search name or description'});
  const type = h('select', {name: 'room_type'},
    h('option', {value: ''}, 'All types'), h('option', {value: 'chat'}, 'Chat'), h('option', {value: 'video'}, 'Video'));
  const mine = h('input', {type: 'checkbox', name: 'mine'});
  const list = h('ul', {class: 'rooms', id: 'room-list'});
  const status = h('p', {class: 'muted'});
  let query = 0;
  let debounce;

  async function load() {
    const asked = ++query;
    const parameters = new URLSearchParams();
    if (search.value.trim()) parameters.set('search', search.value.trim());
    if (type.value) parameters.set('room_type', type.value);
    if (mine.checked) parameters.set('creator', 'me');
    try {
      const rooms = await session.request('GET', `/api/rooms/?${parameters}`);
      if (asked !== query) return;
      fill(list, rooms.map(room => h('li', {dataset: {roomId: room.id}},
        h('a', {href: `#/rooms/${room.id}`}, h('span', {class: 'name'}, room.name)),
        h('span', {class: `badge ${room.room_type}`}, room.room_type),
        h('span', {class: 'description'}, room.description),
        h('span', {class: 'muted by'}, `by ${room.creator.name}`))));
      status.textContent = rooms.length ? '' : 'No rooms match.';
    } catch (error) {
      status.textContent = error.message;
    }
  }

  const name = h('input', {name: 'name', required: true, maxlength: '100', placeholder: 'Name'});
  const description = h('input', {name: 'description', placeholder: 'Description (optional)'});
  const newType = h('select', {name: 'new_room_type'},
    h('option', {value: 'chat'}, 'Chat'), h('option', {value: 'video'}, 'Video'));
  const createError = h('p', {class: 'error', role: 'alert'});
  const create = h('form', {class: 'create', onsubmit: async event => {
    event.preventDefault();
    createError.textContent = '';
    try {
      const room = await session.request('POST', '/api/rooms/',
        {name: name.value, description: description.value, room_type: newType.value});
      location.hash = `#/rooms/${room.id}`;
    } catch (error) {
      createError.textContent = error.message;
    }
  }}, name, description, newType, h('button', {type: 'submit', class: 'primary'}, 'Create room'), createError);

  search.addEventListener('input', () => { clearTimeout(debounce); debounce = setTimeout(load, 250); });
  type.addEventListener('change', load);
  mine.addEventListener('change', load);

  fill(view, h('section', {class: 'card'},
    h('h1', {}, 'Rooms'),
    h('div', {class: 'filters'}, search, type, h('label', {class: 'inline'}, mine, 'Only mine')),
    list, status,
    h('h2', {}, 'New room'), create));
  load();
  return () => clearTimeout(debounce);
}
