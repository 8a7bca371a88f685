/** Counts for one field: a proposed value is a true positive only when it equals the truth. */
export interface FieldScore {
  tp: number;
  fp: number;
  fn: number;
}

export const emptyScore = (): FieldScore => ({ tp: 0, fp: 0, fn: 0 });

/** Adds one comparison; null means "not stated" (truth) or "not proposed" (prediction). */
export function count<T>(score: FieldScore, truth: T | null, predicted: T | null): void {
  if (predicted != null && truth != null && predicted === truth) score.tp++;
  else {
    if (predicted != null) score.fp++;
    if (truth != null) score.fn++;
  }
}

export function metrics(score: FieldScore) {
  const precision = score.tp + score.fp ? score.tp / (score.tp + score.fp) : null;
  const recall = score.tp + score.fn ? score.tp / (score.tp + score.fn) : null;
  const f1 =
    precision != null && recall != null && precision + recall > 0
      ? (2 * precision * recall) / (precision + recall)
      : null;
  return { precision, recall, f1 };
}
