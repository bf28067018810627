package cn.panzhihua.scoring.facts;

/** Unit categories of SPEC section 2; the category picks the assessments and the information table. */
public enum Category {
    COUNTY, MUNICIPAL_DEPARTMENT, HIGH_TECH_ZONE, MASS_ORGANIZATION, LIAISON_OFFICE
}
