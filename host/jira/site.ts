// The long-lived context every handler works against: the state, the field catalog, the clock, listeners and the
// app identity. One Site per createJira().
import type { JiraState, UserRec } from './state';
import { FieldCatalog, appUuid, forgeFieldType } from './fields';
import type { JiraEvent, JiraOptions, Principal, WorkflowValidator } from './types';
import { JiraError, errorBody } from './errors';
import { SearchIndex } from './search-index';

export interface Actor {
  accountId: string;
  isApp: boolean;
  /** An app acting as this user (asUser): what it changes is self-generated for that app. */
  viaApp?: boolean;
  user: UserRec;
}

export class Site {
  readonly fields: FieldCatalog;
  readonly appAccountId: string;
  readonly baseUrl: string;
  readonly appId: string;
  readonly envId: string;
  validator: WorkflowValidator | null = null;
  /** Jira answers the notify endpoint 403 when outgoing email is disabled. */
  outgoingMail = true;
  /** What /search/jql sees: it trails writes (see search-index.ts). */
  readonly searchIndex: SearchIndex;
  /** `parameters.key` of the app's validator rule on a transition (its extension ARI), or null without one. */
  readonly validatorExtensionKey: string | null;
  private readonly listeners: Array<(e: JiraEvent) => void> = [];
  private readonly clock: () => Date;

  constructor(
    readonly state: JiraState,
    options: JiraOptions,
  ) {
    this.fields = new FieldCatalog(options.forgeFields, options.appId, options.envId);
    this.appId = options.appId;
    this.envId = options.envId;
    this.appAccountId = `app-${appUuid(options.appId)}`;
    this.validatorExtensionKey = options.workflowValidatorKey
      ? forgeFieldType(options.appId, options.envId, options.workflowValidatorKey)
      : null;
    this.baseUrl = (options.baseUrl ?? 'https://local-jira.atlassian.net').replace(/\/$/, '');
    this.clock = options.clock ?? (() => new Date());
    this.searchIndex = new SearchIndex(state.issues, options.searchLagMs ?? Infinity, () => this.clock().getTime());
    if (!state.users.some((u) => u.accountId === this.appAccountId)) {
      state.users.push({
        accountId: this.appAccountId,
        displayName: 'Pilot-to-Production',
        siteAdmin: false,
        accountType: 'app',
        active: true,
      });
    }
  }

  now(): Date {
    return this.clock();
  }

  nowIso(): string {
    return this.clock().toISOString();
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  onEvent(listener: (e: JiraEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Listeners run synchronously after the write; one that throws cannot undo the write, so it is only logged. */
  emit(event: JiraEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        console.error(`local Jira: an ${event.eventType} listener failed:`, e);
      }
    }
  }

  user(accountId: string): UserRec | undefined {
    return this.state.users.find((u) => u.accountId === accountId);
  }

  actorFor(principal: Principal): Actor {
    if (principal.kind === 'app') {
      return { accountId: this.appAccountId, isApp: true, user: this.user(this.appAccountId) as UserRec };
    }
    const user = this.user(principal.accountId);
    if (!user || !user.active) {
      throw new JiraError(
        401,
        errorBody(['You are not authenticated. Authentication required to perform this operation.']),
      );
    }
    return { accountId: user.accountId, isApp: false, ...(principal.viaApp ? { viaApp: true } : {}), user };
  }
}
