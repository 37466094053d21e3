import { route } from '@forge/api';
import { z } from 'zod';
import { macroInputs } from '../../contract/schemas';
import { compactPortfolio } from '../../contract/views';
import { defineSurface } from '../../adapters/resolver-kit';
import { jiraJson } from '../../adapters/jira/jira.client';
import { loadPortfolio } from '../../use-cases/portfolio.use-case';
import { openPortfolio, portfolioRows } from '../../use-cases/portfolio-pages.use-case';

const projectPage = z.looseObject({
  values: z.array(z.looseObject({ id: z.string(), key: z.string(), name: z.string() })),
});

export const macroResolver = defineSurface(macroInputs, {
  'portfolio/load': async ({ config }) => compactPortfolio(await loadPortfolio(config)),
  'portfolio/first': async ({ config }) => openPortfolio(config),
  'portfolio/rows': async ({ config, query }) => portfolioRows(config, query),
  // The projects the viewer can browse, for the config dialog's picker.
  'portfolio/projects': async () => {
    const page = await jiraJson(
      {
        as: 'user',
        route: route`/rest/api/3/project/search?maxResults=100&orderBy=key`,
        endpoint: 'GET /rest/api/3/project/search',
      },
      projectPage,
    );
    return page.values.map((p) => ({ id: p.id, key: p.key, name: p.name }));
  },
});
