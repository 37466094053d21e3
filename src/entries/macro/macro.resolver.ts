import { macroInputs } from '../../contract/schemas';
import { defineSurface } from '../../adapters/resolver-kit';
import { notAvailableYet } from '../../adapters/errors';

export const macroResolver = defineSurface(macroInputs, {
  'portfolio/load': async () => Promise.reject(notAvailableYet('The portfolio')),
  'portfolio/projects': async () => Promise.reject(notAvailableYet('The project list')),
});
