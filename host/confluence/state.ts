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
  /** Pages created through POST /wiki/api/v2/pages with an ADF body: the document as sent (macro nodes included). */
  adf?: AdfNode[];
}

export type AdfNode = Record<string, unknown>;

/** What one person may do in a space. Confluence's space permissions "View" and "Add pages". */
export type SpacePermission = 'view' | 'create';

export interface SpaceRec {
  id: string;
  key: string;
  name: string;
  type: 'global' | 'personal';
  authorId: string;
  createdAt: string;
  homepageId: string | null;
  /** Per account; a space without this map lets every site user view it and add pages (an open space). */
  permissions?: Record<string, SpacePermission[]>;
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
