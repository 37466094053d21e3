// The pilot at a glance: self-reported score and verdict beside the evidence score, phase, gate, stall clock,
// workstream progress and the next milestone. Values follow the draft live; "unsaved" says so.
import type { ReactNode } from 'react';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import type { PilotAssessment } from '@core/assessment';
import { VERDICT_LABELS } from '@core/diagnostic';
import { PHASE_LABELS } from '@core/pilot';
import { QUESTIONS } from '@core/questions';
import { plural } from '@ui/format';
import { PHASE_APPEARANCE, VERDICT_APPEARANCE } from './labels';
import { StallStatus } from './StallStatus';

const strip = xcss({
  backgroundColor: 'color.background.neutral.subtle.hovered',
  borderRadius: 'radius.medium',
});

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack space="space.050">
      <Text size="small" color="color.text.subtlest">
        {label}
      </Text>
      <Box testId={testId}>{children}</Box>
    </Stack>
  );
}

interface Props {
  assessment: PilotAssessment;
  dirty: boolean;
}

export function HeaderStrip({ assessment, dirty }: Props) {
  const total = QUESTIONS.length;
  const { gate, workstreamProgress, nextMilestone } = assessment;
  return (
    <Stack space="space.150">
      <Box xcss={strip} padding="space.150" testId="header-strip">
        <Inline space="space.300" rowSpace="space.150" shouldWrap alignBlock="start">
          <Fact label={dirty ? 'Diagnostic score (unsaved)' : 'Diagnostic score'}>
            <Inline space="space.100" alignBlock="center">
              <Box testId="score">
                <Text weight="bold" size="large">{`${assessment.score}/${total}`}</Text>
              </Box>
              <Lozenge appearance={VERDICT_APPEARANCE[assessment.verdict]} isBold testId="verdict">
                {VERDICT_LABELS[assessment.verdict]}
              </Lozenge>
            </Inline>
          </Fact>
          <Fact label="Checked against Jira">
            <Box testId="evidence-score">
              <Text weight="bold">{`Evidence: ${assessment.evidence.evidenceScore}/${total}`}</Text>
            </Box>
          </Fact>
          <Fact label="Phase">
            <Lozenge appearance={PHASE_APPEARANCE[assessment.phase]} testId="phase">
              {PHASE_LABELS[assessment.phase]}
            </Lozenge>
          </Fact>
          <Fact label="Graduation gate" testId="gate-summary">
            <Lozenge appearance={gate.passed ? 'success' : 'removed'}>{gate.passed ? 'Passed' : 'Not met'}</Lozenge>
          </Fact>
          <Fact label="Workstreams" testId="workstream-summary">
            <Text>{`${workstreamProgress.done}/${workstreamProgress.total} done`}</Text>
          </Fact>
          <Fact label="Since demo" testId="days-since-demo">
            <Text>{assessment.daysSinceDemo === null ? 'No demo yet' : plural(assessment.daysSinceDemo, 'day')}</Text>
          </Fact>
          <Fact label="Next milestone" testId="next-milestone">
            <Text>{nextMilestone ? `${nextMilestone.label}: ${nextMilestone.date}` : 'None scheduled'}</Text>
          </Fact>
        </Inline>
      </Box>
      <StallStatus stall={assessment.stall} />
      {assessment.needsProductionOwner ? (
        <SectionMessage
          appearance="warning"
          title="Score 4+: name a production owner now"
          testId="needs-production-owner"
        >
          <Text as="p">
            This pilot has real production potential. Name the person who will own the production system after it ships
            (not the data scientist) under People below.
          </Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
