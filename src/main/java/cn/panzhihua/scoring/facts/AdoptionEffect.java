package cn.panzhihua.scoring.facts;

/** An effect of the adoption rules (part D and its tiers): always on item I-3 of the information assessment. */
public interface AdoptionEffect extends Effect {

    @Override
    default Assessment assessment() {
        return Assessment.INFORMATION;
    }

    @Override
    default String item() {
        return "I-3";
    }
}
