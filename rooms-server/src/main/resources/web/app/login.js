import {h, fill} from './dom.js';

/** Sign in, or register and sign in. */
export function loginView(view, session, signedIn) {
  let registering = false;
  const error = h('p', {class: 'error', role: 'alert'});
  const email = h('input', {name: 'email', type: 'email', autocomplete: 'username', required: true});
  const name = h('input', {name: 'name', autocomplete: 'name', maxlength: '150'});
  const password = h('input', {name: 'password', type: 'password', autocomplete: 'current-password', required: true});
  const nameRow = h('label', {}, 'Name', name);
  const submit = h('button', {type: 'submit', class: 'primary'});
  const toggle = h('button', {type: 'button', class: 'link'});
  const title = h('h1');

  function show() {
    title.textContent = registering ? 'Create an account' : 'Sign in';
    submit.textContent = registering ? 'Register' : 'Sign in';
    toggle.textContent = registering ? 'I have an account' : 'Create an account';
    nameRow.hidden = !registering;
    name.required = registering;
    password.autocomplete = registering ? 'new-password' : 'current-password';
  }

  const form = h('form', {class: 'card narrow', onsubmit: async event => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      if (registering) {
        await session.register(email.value, name.value, password.value);
      } else {
        await session.login(email.value, password.value);
      }
      signedIn();
    } catch (failure) {
      error.textContent = failure.message;
    } finally {
      submit.disabled = false;
    }
  }},
  title,
  h('label', {}, 'Email', email),
  nameRow,
  h('label', {}, 'Password', password),
  error,
  h('div', {class: 'actions'}, submit, toggle));

  toggle.addEventListener('click', () => { registering = !registering; error.textContent = ''; show(); });
  show();
  fill(view, form);
  email.focus();
  return () => {};
}
