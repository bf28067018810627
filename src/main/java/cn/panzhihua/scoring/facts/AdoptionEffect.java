package cn.panzhihua.scoring.facts;

/** An effect of the adoption rules (part D and its tiers): on the item its channel or portion belongs to. */
public interface AdoptionEffect extends Effect {
}
