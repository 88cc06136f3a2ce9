/** The options of a rating select: "No rating", then 1 / 5 … 5 / 5 (the scale the database's check allows). */
export const RATINGS = [1, 2, 3, 4, 5] as const;

export function RatingOptions() {
  return (
    <>
      <option value="">No rating</option>
      {RATINGS.map((stars) => (
        <option key={stars} value={stars}>
          {stars} / 5
        </option>
      ))}
    </>
  );
}
