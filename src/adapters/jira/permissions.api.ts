// What the calling user may do, asked of Jira as that user. Admin actions are checked here on the server.
import { route } from '@forge/api';
import { z } from 'zod';
import { AppError } from '../errors';
import { jiraJson } from './jira.client';

export type ProjectPermission =
  'BROWSE_PROJECTS' | 'EDIT_ISSUES' | 'ADMINISTER_PROJECTS' | 'CREATE_ISSUES' | 'TRANSITION_ISSUES' | 'ADMINISTER';

const myPermissionsSchema = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean() })),
});

export async function myPermissions(
  scope: { issueKey: string } | { projectId: string },
  permissions: ProjectPermission[],
): Promise<Record<ProjectPermission, boolean>> {
  const list = permissions.join(',');
  const result = await jiraJson(
    {
      as: 'user',
      route:
        'issueKey' in scope
          ? route`/rest/api/3/mypermissions?issueKey=${scope.issueKey}&permissions=${list}`
          : route`/rest/api/3/mypermissions?projectId=${scope.projectId}&permissions=${list}`,
      endpoint: 'GET /rest/api/3/mypermissions',
    },
    myPermissionsSchema,
  );
  return Object.fromEntries(permissions.map((p) => [p, result.permissions[p]?.havePermission === true])) as Record<
    ProjectPermission,
    boolean
  >;
}

export async function requireProjectAdmin(projectId: string, action: string): Promise<void> {
  const granted = await myPermissions({ projectId }, ['ADMINISTER_PROJECTS']);
  if (!granted.ADMINISTER_PROJECTS) {
    throw new AppError(
      'FORBIDDEN',
      `Only project admins can ${action}. Ask an admin of this project, or a Jira admin, to do it.`,
    );
  }
}
