// The portfolio's two charts, loaded lazily (recharts is most of the macro's weight): how pilots spread over the
// diagnostic score, and the stalled count and the money it ties up over time. Colours are ADS tokens resolved to
// their current values (SVG presentation attributes ignore CSS variables) and resolved again when the theme
// changes, so the charts follow light and dark mode. A one-line text summary states each chart's point in words.
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import getTokenValue from '@atlaskit/tokens/get-token-value';
import defaultTokenValues from '@atlaskit/tokens/token-default-values';
import useThemeObserver from '@atlaskit/tokens/use-theme-observer';
import { Box, Grid, Stack, Text } from '@atlaskit/primitives';
import { PRODUCTION_OWNER_SCORE } from '@core/diagnostic';
import { LOW_SCORE_MAX } from '@core/portfolio';
import { formatMoney, plural } from '@ui/format';
import { Section } from '@ui/Section';
import type { PortfolioView } from '@ui/outputs';

const HEIGHT = 240;

const PALETTE = {
  text: 'color.text',
  subtle: 'color.text.subtle',
  border: 'color.border',
  overlay: 'elevation.surface.overlay',
  hover: 'color.background.neutral.subtle.hovered',
  low: 'color.chart.danger',
  high: 'color.chart.success',
  stalled: 'color.chart.danger.bold',
  cost: 'color.chart.brand',
} as const;

type Palette = Record<keyof typeof PALETTE, string>;

/**
 * The palette's current values. Where no theme CSS is loaded (before the host's theme arrives, or a host that sends
 * none) the light theme's default values stand in, as the fallbacks ADS compiles into its own components do.
 */
function resolvePalette(): Palette {
  return Object.fromEntries(
    Object.entries(PALETTE).map(([name, id]) => [name, getTokenValue(id, defaultTokenValues[id])]),
  ) as Palette;
}

function usePalette(): Palette {
  const { colorMode, dark, light } = useThemeObserver();
  // Resolved again whenever the host switches theme (the observer reports the <html> theme attributes).
  return useMemo(() => resolvePalette(), [colorMode, dark, light]);
}

function chrome(p: Palette) {
  return {
    axis: {
      tick: { fill: p.subtle, fontSize: 12 },
      axisLine: { stroke: p.border },
      tickLine: { stroke: p.border },
    },
    tooltip: {
      contentStyle: { backgroundColor: p.overlay, borderColor: p.border, borderRadius: 4, color: p.text },
      labelStyle: { color: p.text },
      itemStyle: { color: p.text },
      cursor: { fill: p.hover, stroke: p.border },
    },
    grid: p.border,
    legend: { color: p.subtle, fontSize: 12 },
  };
}

/** Charts draw at a measured pixel width: a fixed-height box that follows the macro's width. */
function useWidth(): [(element: HTMLDivElement | null) => void, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: HTMLDivElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    setWidth(Math.floor(element.getBoundingClientRect().width));
    observer.current = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.current.observe(element);
  }, []);
  return [ref, width];
}

function ChartBox({ label, children }: { label: string; children: (width: number) => ReactNode }) {
  const [ref, width] = useWidth();
  return (
    <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height: HEIGHT }}>
      {width > 0 ? children(width) : null}
    </div>
  );
}

/** Words from the same numbers as the summary strip (core scoreBands): the bars are assessed pilots only. */
function DistributionChart({
  distribution,
  summary,
  palette,
}: {
  distribution: number[];
  summary: PortfolioView['summary'];
  palette: Palette;
}) {
  const { axis, tooltip, grid } = chrome(palette);
  const data = distribution.map((pilots, score) => ({ score: String(score), pilots }));
  const low = summary.lowScore;
  const high = distribution.reduce((a, b) => a + b, 0) - low;
  const notAssessed = summary.byVerdict['not-assessed'];
  const words = `${plural(low, 'pilot')} score 0-${LOW_SCORE_MAX}; ${plural(high, 'pilot')} score ${PRODUCTION_OWNER_SCORE} or more.${
    notAssessed > 0
      ? ` ${plural(notAssessed, 'pilot')} not yet assessed ${notAssessed === 1 ? 'is' : 'are'} not charted.`
      : ''
  }`;
  return (
    <Section id="distribution" title="Diagnostic score distribution" testId="chart-distribution">
      <Stack space="space.100">
        <ChartBox label={`Bar chart of pilots per diagnostic score 0 to 7. ${words}`}>
          {(width) => (
            <BarChart
              accessibilityLayer={false}
              width={width}
              height={HEIGHT}
              data={data}
              margin={{ top: 8, right: 8, bottom: 16, left: 0 }}
            >
              <CartesianGrid vertical={false} stroke={grid} />
              <XAxis
                dataKey="score"
                {...axis}
                label={{
                  value: 'Score (yes answers of 7)',
                  position: 'insideBottom',
                  offset: -8,
                  fill: palette.subtle,
                  fontSize: 12,
                }}
              />
              <YAxis allowDecimals={false} width={36} {...axis} />
              <Tooltip
                {...tooltip}
                formatter={(value) => [String(value), 'Pilots']}
                labelFormatter={(label) => `Score ${String(label)}`}
              />
              <Bar dataKey="pilots" name="Pilots" isAnimationActive={false}>
                {data.map((d) => (
                  <Cell key={d.score} fill={Number(d.score) < PRODUCTION_OWNER_SCORE ? palette.low : palette.high} />
                ))}
              </Bar>
            </BarChart>
          )}
        </ChartBox>
        <Box testId="chart-distribution-words">
          <Text size="small" color="color.text.subtle">
            {words}
          </Text>
        </Box>
      </Stack>
    </Section>
  );
}

/** The daily scan's snapshots, not today's live numbers: the words say which scan the last point is. */
function TrendChart({ trend, today, palette }: { trend: PortfolioView['trend']; today: string; palette: Palette }) {
  const { axis, tooltip, grid, legend } = chrome(palette);
  const last = trend[trend.length - 1];
  return (
    <Section id="trend" title="Stalled pilots over time (daily scan)" testId="chart-trend">
      {trend.length === 0 || !last ? (
        <Box testId="trend-empty">
          <Text as="p" color="color.text.subtle">
            No history yet. The app records the stalled count and its monthly cost once a day, so the trend appears
            after its first daily scan.
          </Text>
        </Box>
      ) : (
        <Stack space="space.100">
          <ChartBox
            label={`Line chart of stalled pilots and their monthly cost per day from ${trend[0]?.day ?? last.day} to ${last.day}.`}
          >
            {(width) => (
              <LineChart
                accessibilityLayer={false}
                width={width}
                height={HEIGHT}
                data={trend}
                margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              >
                <CartesianGrid vertical={false} stroke={grid} />
                <XAxis dataKey="day" {...axis} minTickGap={24} />
                <YAxis yAxisId="count" allowDecimals={false} width={36} {...axis} />
                <YAxis
                  yAxisId="cost"
                  orientation="right"
                  width={64}
                  {...axis}
                  tickFormatter={(v: number) => formatMoney(v)}
                />
                <Tooltip
                  {...tooltip}
                  formatter={(value, name) => [
                    name === 'Monthly cost of stalled pilots' ? formatMoney(Number(value)) : String(value),
                    String(name),
                  ]}
                />
                <Legend wrapperStyle={legend} />
                <Line
                  yAxisId="count"
                  type="linear"
                  dataKey="stalled"
                  name="Stalled pilots"
                  stroke={palette.stalled}
                  strokeWidth={2}
                  dot={trend.length < 2}
                  isAnimationActive={false}
                />
                <Line
                  yAxisId="cost"
                  type="linear"
                  dataKey="stalledMonthlyCost"
                  name="Monthly cost of stalled pilots"
                  stroke={palette.cost}
                  strokeWidth={2}
                  strokeDasharray="6 3"
                  dot={trend.length < 2}
                  isAnimationActive={false}
                />
              </LineChart>
            )}
          </ChartBox>
          <Box testId="trend-as-of">
            <Text size="small" color="color.text.subtle">
              {`As of the scan on ${last.day}: ${plural(last.stalled, 'stalled pilot')} tying up ${formatMoney(last.stalledMonthlyCost)} a month, counting every AI pilot in the projects shown. The summary above counts the pilots this portfolio shows, as of ${today}.`}
            </Text>
          </Box>
        </Stack>
      )}
    </Section>
  );
}

interface Props {
  distribution: number[];
  summary: PortfolioView['summary'];
  trend: PortfolioView['trend'];
  today: string;
}

export default function Charts({ distribution, summary, trend, today }: Props) {
  const palette = usePalette();
  return (
    <Grid templateColumns="repeat(auto-fit, minmax(18rem, 1fr))" gap="space.200" testId="charts">
      <DistributionChart distribution={distribution} summary={summary} palette={palette} />
      <TrendChart trend={trend} today={today} palette={palette} />
    </Grid>
  );
}
