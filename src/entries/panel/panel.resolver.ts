import { panelInputs } from '../../contract/schemas';
import { defineSurface } from '../../adapters/resolver-kit';
import { notAvailableYet } from '../../adapters/errors';

export const panelResolver = defineSurface(panelInputs, {
  'panel/load': async () => Promise.reject(notAvailableYet('The diagnostic panel')),
  'panel/save': async () => Promise.reject(notAvailableYet('Saving the diagnostic')),
  'panel/decide': async () => Promise.reject(notAvailableYet('Review decisions')),
  'panel/waive': async () => Promise.reject(notAvailableYet('Gate waivers')),
  'panel/revoke-waiver': async () => Promise.reject(notAvailableYet('Gate waivers')),
  'panel/find-users': async () => Promise.reject(notAvailableYet('The user picker')),
});
