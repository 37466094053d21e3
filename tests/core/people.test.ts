// Names, never account ids: an account the view could not name reads "Unknown user", not "u-admin".
import { personName, UNKNOWN_USER } from '../../src/contract/people';

it('shows the name the view provides', () => {
  expect(personName({ 'u-admin': 'Alex Admin' }, 'u-admin')).toBe('Alex Admin');
});

it.each([
  ['an account the view did not name', {}, 'u-admin'],
  ['a name that is only the id again', { 'u-admin': 'u-admin' }, 'u-admin'],
  ['a blank name', { 'u-admin': '  ' }, 'u-admin'],
  ['no account', {}, null],
])('shows "Unknown user" for %s', (_case, names: Record<string, string>, id) => {
  expect(personName(names, id)).toBe(UNKNOWN_USER);
  expect(personName(names, id)).not.toMatch(/u-admin/);
});
