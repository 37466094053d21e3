// The minimal Confluence model: spaces and pages, each page optionally carrying Forge macros with their config.

export interface MacroRec {
  /** Manifest module key of the macro, e.g. 'pilot-portfolio'. */
  moduleKey: string;
  localId: string;
  title: string;
  /** What the macro's config view saved with view.submit({config}). */
  config: Record<string, unknown>;
}

export interface PageRec {
  id: string;
  spaceId: string;
  title: string;
  parentId: string | null;
  authorId: string;
  createdAt: string;
  version: number;
  /** Storage-format (XHTML) text around the macros. */
  text: string;
  macros: MacroRec[];
}

export interface SpaceRec {
  id: string;
  key: string;
  name: string;
  type: 'global' | 'personal';
  authorId: string;
  createdAt: string;
  homepageId: string | null;
}

export interface ConfluenceState {
  version: 1;
  counters: { space: number; page: number };
  spaces: SpaceRec[];
  pages: PageRec[];
}

export const createConfluenceState = (): ConfluenceState => ({
  version: 1,
  counters: { space: 98000, page: 65000 },
  spaces: [],
  pages: [],
});
