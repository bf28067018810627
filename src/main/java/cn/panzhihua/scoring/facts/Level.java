package cn.panzhihua.scoring.facts;

/** The two adoption tallies of part D: municipal (市级) and provincial (省级). */
public enum Level {
    MUNICIPAL, PROVINCIAL
}
