// The design-token CSS of Atlassian's light and dark themes, from @atlaskit/tokens, as the product would give it
// to a Custom UI frame that enabled theming.
import type { ColorMode } from '../forge/contexts';

const cache = new Map<ColorMode, string>();

export function themeCss(colorMode: ColorMode): string {
  let css = cache.get(colorMode);
  if (css === undefined) {
    // The themes ship as CommonJS modules exporting the CSS text.
    css = [`atlassian-${colorMode}`]
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      .map((name) => (require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${name}.js`) as { default: string }).default)
      .join('\n');
    cache.set(colorMode, css);
  }
  return css;
}
