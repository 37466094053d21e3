// The graduation gate criterion by criterion: met, not met (with the reason), or waived (reason and expiry).
// Project admins can waive an unmet criterion (lazy-loaded form) and revoke active waivers.
import { lazy, Suspense, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { isWaiverActive, type GateResult } from '@core/gate';
import { ErrorBanner } from '@ui/ErrorBanner';
import { callBackend } from '@ui/invoke';
import { Loading } from '@ui/Loading';
import type { PanelView } from '@ui/outputs';
import type { ResultError } from '@contract/envelope';
import { Section } from '@ui/Section';
import type { Perform } from './PilotPanel';

const WaiverForm = lazy(() => import('./WaiverForm'));

interface Props {
  view: PanelView;
  gate: GateResult;
  perform: Perform;
}

export function GateStatus({ view, gate, perform }: Props) {
  const [waiving, setWaiving] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [revokeError, setRevokeError] = useState<ResultError | null>(null);
  const canWaive = view.permissions.canAdminister;
  const labelOf = (criterion: string) => gate.criteria.find((c) => c.id === criterion)?.label ?? criterion;

  async function revoke(criterion: string) {
    setRevoking(criterion);
    setRevokeError(null);
    const outcome = await perform(
      () => callBackend('panel/revoke-waiver', { expectedVersion: view.record.version, criterion }),
      `Waiver of "${labelOf(criterion)}" revoked`,
    );
    setRevoking(null);
    if (!outcome.ok && outcome.error.code !== 'CONFLICT') setRevokeError(outcome.error);
  }

  const waivers = view.record.waivers;
  return (
    <Section id="gate" title="Graduation gate" testId="gate-status">
      <Inline space="space.100" alignBlock="center">
        <Lozenge appearance={gate.passed ? 'success' : 'removed'} isBold>
          {gate.passed ? 'Passed' : 'Not met'}
        </Lozenge>
        <Text color="color.text.subtle">
          {gate.criteria.length === 0
            ? 'The project sets no graduation criteria.'
            : gate.passed
              ? 'Every criterion is met or waived; the graduation transition is open.'
              : `${gate.failures.length} of ${gate.criteria.length} criteria block graduation.`}
        </Text>
      </Inline>
      {gate.failures.length > 0 ? (
        <Box as="ul" testId="gate-failures">
          {gate.failures.map((failure) => (
            <Box as="li" key={failure}>
              <Text>{failure}</Text>
            </Box>
          ))}
        </Box>
      ) : null}
      {gate.criteria.length > 0 ? (
        <Stack space="space.100" testId="gate-criteria">
          {gate.criteria.map((c) => (
            <Stack key={c.id} space="space.050">
              <Inline space="space.100" alignBlock="center" shouldWrap>
                <Lozenge appearance={c.met ? 'success' : c.waivedBy ? 'moved' : 'removed'}>
                  {c.met ? 'Met' : c.waivedBy ? 'Waived' : 'Not met'}
                </Lozenge>
                <Text>{c.label}</Text>
                {!c.met && !c.waivedBy && canWaive && waiving !== c.id ? (
                  <Button spacing="compact" onClick={() => setWaiving(c.id)} aria-label={`Waive ${c.label}`}>
                    Waive
                  </Button>
                ) : null}
              </Inline>
              {c.waivedBy ? (
                <Text
                  size="small"
                  color="color.text.subtle"
                >{`Waived until ${c.waivedBy.expiresOn}: ${c.waivedBy.reason}`}</Text>
              ) : null}
              {waiving === c.id ? (
                <Suspense fallback={<Loading label="Opening the waiver form…" size="small" />}>
                  <WaiverForm
                    criterion={c.id}
                    label={c.label}
                    view={view}
                    perform={perform}
                    onClose={() => setWaiving(null)}
                  />
                </Suspense>
              ) : null}
            </Stack>
          ))}
        </Stack>
      ) : null}
      {canWaive && waivers.length > 0 ? (
        <Stack space="space.100" testId="waivers">
          <Text weight="bold">Waivers</Text>
          {waivers.map((w) => {
            const active = isWaiverActive(w, view.today);
            return (
              <Inline key={w.criterion} space="space.100" alignBlock="center" shouldWrap>
                <Lozenge appearance={active ? 'moved' : 'default'}>{active ? 'Active' : 'Expired'}</Lozenge>
                <Text>{`${labelOf(w.criterion)}: ${w.reason} (until ${w.expiresOn}, granted ${w.grantedOn})`}</Text>
                <Button
                  spacing="compact"
                  appearance="subtle"
                  onClick={() => void revoke(w.criterion)}
                  isDisabled={revoking !== null}
                  isLoading={revoking === w.criterion}
                  aria-label={`Revoke waiver of ${labelOf(w.criterion)}`}
                >
                  Revoke
                </Button>
              </Inline>
            );
          })}
          {revokeError ? <ErrorBanner error={revokeError} testId="revoke-error" /> : null}
        </Stack>
      ) : null}
    </Section>
  );
}
