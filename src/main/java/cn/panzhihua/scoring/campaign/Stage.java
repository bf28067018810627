package cn.panzhihua.scoring.campaign;

/** Where an assessment year stands; it only moves forward. */
public enum Stage {
    /** Units submit their self-assessments until the due date; the office records its facts. */
    OPEN,
    /** The office has evaluated the year (again possible until it publishes). */
    SCORED,
    /** The 通报 is published (公示); units may object within the period. */
    PUBLISHED,
    /** The period is over and every objection is decided; the result is frozen. */
    CONFIRMED,
    /** The confirmed result has been handed over to the 市目标督查办. */
    HANDED_OVER
}
