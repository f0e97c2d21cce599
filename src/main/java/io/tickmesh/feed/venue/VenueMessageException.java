package io.tickmesh.feed.venue;

/** A venue message the feed refuses: the {@link VenueProblem} and a detail saying what is wrong with it. */
public final class VenueMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient VenueProblem problem;
  private final String detail;

  /** A refusal for {@code problem}, {@code detail} saying what exactly. */
  public VenueMessageException(VenueProblem problem, String detail) {
    super(problem.label() + ": " + detail, null, false, false);
    this.problem = problem;
    this.detail = detail;
  }

  /** What exactly is wrong, without the problem's label. */
  public String detail() {
    return detail;
  }

  /** The kind of refusal. */
  public VenueProblem problem() {
    return problem;
  }
}
