// The pilot's production pathway page: open it when it exists; otherwise, for whoever may edit the pilot, choose a
// Confluence space (only spaces Confluence shows this person) and a title, and create it. Confluence decides, as
// the person, whether they may add pages there; the server creates at most one page per pilot.
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { PATHWAY_LABELS } from '@contract/labels';
import type { ConfluenceSpaceOption } from '@contract/views';
import { ErrorBanner } from '@ui/ErrorBanner';
import { callBackend } from '@ui/invoke';
import { indexIssues, unplacedIssues } from '@ui/issues';
import { describedBy, LabelledField } from '@ui/LabelledField';
import { LazySelect } from '@ui/LazySelect';
import { Loading } from '@ui/Loading';
import type { PanelView } from '@ui/outputs';
import { Section } from '@ui/Section';
import { PageLink } from './PageLink';
import type { Perform } from './PilotPanel';

const CONFLUENCE_TITLES: Partial<Record<ResultError['code'], string>> = {
  FORBIDDEN: 'Confluence did not let you add the page there',
  RATE_LIMITED: 'Confluence is busy',
  UPSTREAM_UNAVAILABLE: 'Confluence is not answering',
  JIRA_REJECTED: 'Confluence refused the page',
};

interface Props {
  view: PanelView;
  names: Record<string, string>;
  readOnly: boolean;
  perform: Perform;
}

export function PathwayPage({ view, names, readOnly, perform }: Props) {
  const page = view.record.pathwayPage;
  const [spaces, setSpaces] = useState<ConfluenceSpaceOption[] | null>(null);
  const [spaceId, setSpaceId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResultError | null>(null);
  const issues = indexIssues(error?.issues);

  async function start() {
    setLoading(true);
    setError(null);
    const result = await callBackend('panel/pathway-spaces', {});
    setLoading(false);
    if (!result.ok) return setError(result.error);
    setSpaces(result.data.spaces);
    setSpaceId(result.data.spaces[0]?.id ?? null);
    setTitle(result.data.suggestedTitle);
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!spaceId) return;
    setBusy(true);
    setError(null);
    const outcome = await perform(
      () => callBackend('panel/create-pathway', { page: { spaceId, title } }),
      'Production pathway page created',
    );
    setBusy(false);
    if (outcome.ok) setSpaces(null);
    else setError(outcome.error);
  }

  const errorBanner = error ? (
    <ErrorBanner
      error={error}
      title={CONFLUENCE_TITLES[error.code]}
      advice={
        error.code === 'FORBIDDEN'
          ? 'Choose another space, or ask a space admin for the "Add pages" permission.'
          : undefined
      }
      unplaced={unplacedIssues(error.issues, (f) => f === 'page.title' || f === 'page.spaceId')}
      onRetry={spaces ? undefined : () => void start()}
      testId="pathway-error"
    />
  ) : null;

  return (
    <Section id="pathway-page" title="Production pathway page" testId="pathway-page">
      {page ? (
        <Stack space="space.050" testId="pathway-link">
          <Text>
            <PageLink url={page.url} testId="pathway-open">{`Open "${page.title}"`}</PageLink>
          </Text>
          <Text
            size="small"
            color="color.text.subtle"
          >{`In Confluence space ${page.spaceKey}, created ${page.createdAt.slice(0, 10)} by ${names[page.byAccountId] ?? 'a Jira user'}.`}</Text>
        </Stack>
      ) : readOnly ? (
        <Text testId="pathway-none">No production pathway page yet.</Text>
      ) : spaces === null ? (
        <Stack space="space.100">
          <Text color="color.text.subtle">
            The production owner's first deliverable: a Confluence page with this pilot's answers, evidence, production
            criteria, workstreams and a live portfolio view of it.
          </Text>
          <Box>
            <Button onClick={() => void start()} isDisabled={loading} isLoading={loading} testId="pathway-start">
              Create production pathway page
            </Button>
          </Box>
          {loading ? <Loading label="Finding the Confluence spaces you can see…" size="small" /> : null}
          {errorBanner}
        </Stack>
      ) : spaces.length === 0 ? (
        <Text testId="pathway-no-spaces">
          Confluence shows you no spaces. Ask a Confluence admin for access to a space, then try again.
        </Text>
      ) : (
        <form onSubmit={(e) => void create(e)} noValidate aria-label="Create the production pathway page">
          <Stack space="space.150">
            <LabelledField id="pathway-space" label={PATHWAY_LABELS.spaceId} error={issues['page.spaceId']}>
              <LazySelect
                inputId="pathway-space"
                options={spaces.map((s) => ({ label: `${s.name} (${s.key})`, value: s.id }))}
                value={spaceId}
                onChange={setSpaceId}
                isInvalid={Boolean(issues['page.spaceId'])}
                descriptionId={describedBy('pathway-space', issues['page.spaceId'])}
              />
            </LabelledField>
            <LabelledField id="pathway-title" label={PATHWAY_LABELS.title} error={issues['page.title']}>
              <Textfield
                id="pathway-title"
                value={title}
                maxLength={255}
                onChange={(e) => setTitle(e.currentTarget.value)}
                isDisabled={busy}
                isInvalid={Boolean(issues['page.title'])}
                aria-describedby={describedBy('pathway-title', issues['page.title'])}
                testId="pathway-title"
              />
            </LabelledField>
            {errorBanner}
            <Inline space="space.100">
              <Button
                type="submit"
                appearance="primary"
                isDisabled={busy || !spaceId}
                isLoading={busy}
                testId="pathway-create"
              >
                Create page
              </Button>
              <Button onClick={() => setSpaces(null)} isDisabled={busy}>
                Cancel
              </Button>
            </Inline>
          </Stack>
        </form>
      )}
    </Section>
  );
}
