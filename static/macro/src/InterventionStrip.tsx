// The seed's 30-day intervention as four progress bars: week 1 audit every active pilot, week 2 give every pilot
// scoring 4+ a production owner, week 3 file the data access requests, week 4 hold the preliminary conversations
// with every reviewer of the approval chain (security, compliance, legal, ...).
import ProgressBar from '@atlaskit/progress-bar';
import { Box, Grid, Stack, Text } from '@atlaskit/primitives';
import type { InterventionStep } from '@core/portfolio';
import { Section } from '@ui/Section';
import type { PortfolioView } from '@ui/outputs';

type Week = keyof PortfolioView['summary']['intervention'];

const WEEKS: Array<{ week: Week; title: string; what: string; none: string }> = [
  {
    week: 'week1',
    title: 'Week 1: audit',
    what: 'active pilots assessed with the diagnostic',
    none: 'No active pilots to assess',
  },
  {
    week: 'week2',
    title: 'Week 2: owners',
    what: 'pilots scoring 4+ with a production owner',
    none: 'No active pilot scores 4+ yet',
  },
  {
    week: 'week3',
    title: 'Week 3: data access',
    what: 'active pilots with data access requests filed',
    none: 'No active pilots',
  },
  {
    week: 'week4',
    title: 'Week 4: reviewer conversations',
    what: 'assessed pilots with every reviewer conversation scheduled or held',
    none: 'No assessed pilot in flight',
  },
];

function Step({
  week,
  title,
  what,
  none,
  step,
}: {
  week: Week;
  title: string;
  what: string;
  none: string;
  step: InterventionStep;
}) {
  const value = step.of === 0 ? 0 : step.done / step.of;
  const text = step.of === 0 ? none : `${step.done} of ${step.of} ${what}`;
  return (
    <Stack space="space.075" testId={`intervention-${week}`}>
      <Text weight="bold">{title}</Text>
      <ProgressBar
        value={value}
        ariaLabel={`${title}: ${text}`}
        appearance={step.of > 0 && step.done === step.of ? 'success' : 'default'}
      />
      <Box testId={`intervention-${week}-text`}>
        <Text size="small" color="color.text.subtle">
          {text}
        </Text>
      </Box>
    </Stack>
  );
}

export function InterventionStrip({ intervention }: { intervention: PortfolioView['summary']['intervention'] }) {
  return (
    <Section id="intervention" title="30-day intervention" testId="intervention">
      <Grid templateColumns="repeat(auto-fit, minmax(10rem, 1fr))" gap="space.200">
        {WEEKS.map((w) => (
          <Step key={w.week} {...w} step={intervention[w.week]} />
        ))}
      </Grid>
    </Section>
  );
}
