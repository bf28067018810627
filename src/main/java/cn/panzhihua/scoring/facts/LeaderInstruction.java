package cn.panzhihua.scoring.facts;

/** The highest leader instruction (批示) an adopted piece of information received. */
public enum LeaderInstruction {
    NONE, MUNICIPAL, PROVINCIAL_OR_ABOVE
}
