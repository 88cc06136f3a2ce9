/** The shared reviews of a book and their average rating (the book page, signed in or not). */
import type { BookReviewsFieldsFragment } from '~/gql/graphql';

interface Props {
  reviews: BookReviewsFieldsFragment['reviews'];
  count: number;
  /** How many of them have a rating, and their average. */
  ratings: number;
  averageRating: number | null | undefined;
}

export function BookReviews({ reviews, count, ratings, averageRating }: Props) {
  return (
    <section aria-labelledby="reviews-heading" className="reviews">
      <h2 id="reviews-heading">Reviews</h2>
      {count === 0 ? <p>No shared reviews yet.</p> : null}
      {ratings > 0 && averageRating != null ? (
        <p>
          Average rating: <strong>{Number(averageRating).toFixed(1)}</strong> out of 5 ({ratings}{' '}
          {ratings === 1 ? 'rating' : 'ratings'})
        </p>
      ) : null}
      {reviews.length > 0 ? (
        <ul aria-label="Shared reviews">
          {reviews.map((review, index) => {
            const name = review.reviewer_name ?? 'A reader';
            return (
              // A view's columns are nullable in the schema; the id is always there.
              <li key={review.id ?? index} className="review">
                {review.reviewer_image_url ? (
                  <img src={review.reviewer_image_url} alt="" width={32} height={32} className="avatar" />
                ) : null}
                <span className="reviewer">{name}</span>
                {review.rating ? <span className="review-rating"> rated it {review.rating} out of 5</span> : null}
                {review.note ? <p className="review-note">{review.note}</p> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
