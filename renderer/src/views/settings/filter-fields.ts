import type { ModuleId } from '../../../../shared/domain.js';
import { platforms } from '../../../../shared/domain.js';
import { trendingEventSchema } from '../../../../shared/feed-events.js';
import type { FieldSpec } from './form-values.js';

const trendingSources = trendingEventSchema.shape.source.options;

/** What every module has, above its filters. */
export const baseFields: readonly FieldSpec[] = [
  { key: 'solAmount', label: 'SOL per buy', kind: { type: 'number' } },
  { key: 'dailyBudgetSol', label: 'Daily budget (SOL)', kind: { type: 'number' }, hint: 'rolling 24 h; 0 = no cap' },
];

const noBound = 'empty = no bound';

/**
 * Every filter of every module, labelled for a trader. The keys are the engine's filter
 * names; the values are checked with the engine's own schemas (shared/module-filters.ts),
 * so a field missing here would only mean it keeps its saved value.
 */
export const filterFields: Record<ModuleId, readonly FieldSpec[]> = {
  sniper: [
    { key: 'platforms', label: 'Platforms', kind: { type: 'choices', options: platforms } },
    { key: 'nameInclude', label: 'Name must match (regex)', kind: { type: 'regex' }, hint: 'case-insensitive, on name and symbol; empty = any' },
    { key: 'nameExclude', label: 'Name must not match (regex)', kind: { type: 'regex' }, hint: 'empty = none' },
    { key: 'creatorAllow', label: 'Only these creators', kind: { type: 'address-list' }, hint: 'one address a line; empty = any creator' },
    { key: 'creatorDeny', label: 'Never these creators', kind: { type: 'address-list' }, hint: 'one address a line' },
    { key: 'minInitialBuySol', label: 'Min creator initial buy (SOL)', kind: { type: 'number' } },
    { key: 'maxInitialBuySol', label: 'Max creator initial buy (SOL)', kind: { type: 'optional-number' }, hint: noBound },
    { key: 'minMarketCapSol', label: 'Min market cap (SOL)', kind: { type: 'number' } },
    { key: 'maxMarketCapSol', label: 'Max market cap (SOL)', kind: { type: 'optional-number' }, hint: noBound },
    { key: 'maxAgeSeconds', label: 'Max launch age (s)', kind: { type: 'number' }, hint: 'a launch seen later is stale' },
  ],
  'whale-copy': [
    { key: 'wallets', label: 'Watched wallets', kind: { type: 'wallets' } },
    { key: 'minSol', label: 'Min whale buy (SOL)', kind: { type: 'number' }, hint: 'for wallets without their own minimum' },
    { key: 'maxMarketCapSol', label: 'Max market cap (SOL)', kind: { type: 'optional-number' }, hint: noBound },
  ],
  trending: [
    { key: 'sources', label: 'Sources', kind: { type: 'choices', options: trendingSources } },
    { key: 'reentryAfterSeconds', label: 'Re-entry after (s)', kind: { type: 'number' }, hint: 'absent this long counts as entering again' },
    { key: 'minMarketCapUsd', label: 'Min market cap (USD)', kind: { type: 'number' } },
    { key: 'maxMarketCapUsd', label: 'Max market cap (USD)', kind: { type: 'optional-number' }, hint: noBound },
    { key: 'minLiquidityUsd', label: 'Min liquidity (USD)', kind: { type: 'number' } },
    { key: 'minVolume5mUsd', label: 'Min 5-min volume (USD)', kind: { type: 'number' } },
    { key: 'minPriceChange5mPct', label: 'Min 5-min price change (%)', kind: { type: 'optional-number' }, hint: noBound },
    { key: 'maxPriceChange5mPct', label: 'Max 5-min price change (%)', kind: { type: 'optional-number' }, hint: noBound },
  ],
  volume: [
    { key: 'windowSeconds', label: 'Window (s)', kind: { type: 'number' } },
    { key: 'minVolumeSol', label: 'Min volume in window (SOL)', kind: { type: 'number' } },
    { key: 'minTrades', label: 'Min trades in window', kind: { type: 'number' } },
    { key: 'minUniqueBuyers', label: 'Min unique buyers', kind: { type: 'number' } },
    { key: 'spikeRatio', label: 'Spike ratio vs previous window', kind: { type: 'number' }, hint: '0 = no ratio check' },
    { key: 'cooldownSeconds', label: 'Cooldown per token (s)', kind: { type: 'number' } },
    { key: 'maxMarketCapSol', label: 'Max market cap (SOL)', kind: { type: 'optional-number' }, hint: noBound },
  ],
};

export const limitFields: readonly FieldSpec[] = [
  { key: 'maxSolPerBuy', label: 'Max SOL per buy', kind: { type: 'number' } },
  { key: 'dailySpendCapSol', label: 'Daily spend cap (SOL)', kind: { type: 'number' }, hint: 'all modules, rolling 24 h; 0 = no cap' },
  { key: 'maxConcurrentBuys', label: 'Max concurrent buys', kind: { type: 'number' } },
  { key: 'maxSolPerHour', label: 'Hourly spend cap (SOL)', kind: { type: 'number' }, hint: 'all modules, rolling hour; 0 = no cap' },
  { key: 'maxOpenPositions', label: 'Max open positions', kind: { type: 'number' }, hint: '0 = no cap' },
  { key: 'solReserveSol', label: 'Wallet reserve (SOL)', kind: { type: 'number' }, hint: 'live: the wallet never goes below this' },
];

/** When a module's positions are sold (paper and live alike); each rule is off at 0. */
export const exitFields: readonly FieldSpec[] = [
  { key: 'takeProfitPct', label: 'Take profit (%)', kind: { type: 'number' }, hint: 'sell when the price is this far above the entry; 0 = off' },
  { key: 'stopLossPct', label: 'Stop loss (%)', kind: { type: 'number' }, hint: 'sell when the price is this far below the entry; 0 = off' },
  { key: 'trailingStopPct', label: 'Trailing stop (%)', kind: { type: 'number' }, hint: 'sell this far below the highest price since the buy; 0 = off' },
  { key: 'maxHoldMinutes', label: 'Max hold (min)', kind: { type: 'number' }, hint: 'sell whatever the price after this long; 0 = off' },
];

/**
 * How live transactions are built. The priority fee pair is flat here (one field each) and
 * nested again before it is checked with the engine's schema (see execution-form.tsx).
 */
export const executionFields: readonly FieldSpec[] = [
  { key: 'slippagePct', label: 'Slippage (%)', kind: { type: 'number' }, hint: 'a buy may spend up to its SOL × (1 + slippage); the limits count that maximum' },
  {
    key: 'priorityFeeMode',
    label: 'Priority fee mode',
    kind: {
      type: 'select',
      options: [
        { value: 'dynamic', label: 'dynamic (capped)' },
        { value: 'fixed', label: 'fixed' },
      ],
    },
  },
  { key: 'microLamports', label: 'Priority fee (micro-lamports/CU)', kind: { type: 'number' }, hint: 'fixed mode: the price of each compute unit' },
  { key: 'capMicroLamports', label: 'Priority fee cap (micro-lamports/CU)', kind: { type: 'number' }, hint: 'dynamic mode: the recent fees, never above this' },
  { key: 'computeUnitLimit', label: 'Compute unit limit', kind: { type: 'number' }, hint: '10 000 to 1 400 000 per transaction' },
];
