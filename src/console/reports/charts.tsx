// Charts drawn on the server as SVG (no script, no CDN): they scale with the page through their viewBox and carry
// a title and the figures as text, so a screen reader and a printout get the numbers too.

export interface MonthBar {
  label: string;
  received: number;
  answeredInTime: number;
}

const BLUE = '#0b57d0';
const GREEN = '#1e8e3e';

/** Received and answered-on-time per month: two bars per month on a shared scale. */
export function MonthChart(props: { months: MonthBar[] }) {
  const width = 720;
  const height = 260;
  const left = 40;
  const bottom = 40;
  const top = 28;
  const plotH = height - bottom - top;
  const n = Math.max(1, props.months.length);
  const slot = (width - left - 10) / n;
  const max = Math.max(1, ...props.months.map((m) => m.received));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const bar = Math.max(2, Math.min(22, slot / 2 - 3));
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="chart-months-title"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="chart-months-title">Số tiếp nhận và số trả lời đúng hạn theo tháng</title>
      <rect x="0" y="0" width={width} height={height} fill="#fff" />
      <rect x={left} y="6" width="12" height="12" fill={BLUE} />
      <text x={left + 18} y="16" font-size="13">
        Tiếp nhận
      </text>
      <rect x={left + 110} y="6" width="12" height="12" fill={GREEN} />
      <text x={left + 128} y="16" font-size="13">
        Trả lời đúng hạn
      </text>
      <line x1={left} y1={top + plotH} x2={width - 5} y2={top + plotH} stroke="#9aa4b0" />
      <text x={left - 6} y={top + 4} font-size="11" text-anchor="end">
        {max.toLocaleString('vi-VN')}
      </text>
      <text x={left - 6} y={top + plotH} font-size="11" text-anchor="end">
        0
      </text>
      {props.months.map((m, i) => {
        const x = left + i * slot + slot / 2;
        return (
          <g>
            <rect x={x - bar - 1} y={y(m.received)} width={bar} height={top + plotH - y(m.received)} fill={BLUE}>
              <title>{`${m.label}: tiếp nhận ${m.received.toLocaleString('vi-VN')}`}</title>
            </rect>
            <rect x={x + 1} y={y(m.answeredInTime)} width={bar} height={top + plotH - y(m.answeredInTime)} fill={GREEN}>
              <title>{`${m.label}: trả lời đúng hạn ${m.answeredInTime.toLocaleString('vi-VN')}`}</title>
            </rect>
            <text x={x} y={height - bottom + 16} font-size="11" text-anchor="middle">
              {m.label.slice(0, 2)}
            </text>
            {i === 0 || m.label.slice(0, 2) === '01' ? (
              <text x={x} y={height - bottom + 30} font-size="10" text-anchor="middle" fill="#5f6b7a">
                {m.label.slice(3)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

export interface RateBar {
  label: string;
  /** 0–1, or null when nothing was due yet. */
  rate: number | null;
  count: number;
}

/** A share per group as horizontal bars from 0 to 100 %, e.g. answered within the legal deadline per unit. */
export function RateChart(props: { id: string; title: string; bars: RateBar[] }) {
  const rowH = 26;
  const labelW = 230;
  const width = 720;
  const plotW = width - labelW - 60;
  const height = 16 + rowH * Math.max(1, props.bars.length);
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <rect x="0" y="0" width={width} height={height} fill="#fff" />
      {props.bars.map((b, i) => {
        const yTop = 8 + i * rowH;
        const w = b.rate === null ? 0 : Math.max(1, b.rate * plotW);
        const color = b.rate === null ? '#c5ccd4' : b.rate >= 0.9 ? GREEN : b.rate >= 0.7 ? '#e37400' : '#b00020';
        return (
          <g>
            <text x={labelW - 8} y={yTop + 16} font-size="12" text-anchor="end">
              {b.label.length > 32 ? `${b.label.slice(0, 31)}…` : b.label}
            </text>
            <rect x={labelW} y={yTop + 3} width={plotW} height={rowH - 8} fill="#eef1f4" />
            <rect x={labelW} y={yTop + 3} width={w} height={rowH - 8} fill={color}>
              <title>{`${b.label}: ${b.rate === null ? 'chưa có hạn nào đến' : `${Math.round(b.rate * 100)}%`}`}</title>
            </rect>
            <text x={labelW + plotW + 6} y={yTop + 16} font-size="12">
              {b.rate === null ? '—' : `${Math.round(b.rate * 100)}%`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
