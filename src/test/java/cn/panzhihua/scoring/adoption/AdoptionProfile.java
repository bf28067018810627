package cn.panzhihua.scoring.adoption;

import cn.panzhihua.scoring.campaign.CampaignProfile;

/** A database of its own (the ledger's duplicates and the year's opening are per database), with the campaign's unit users. */
public class AdoptionProfile extends CampaignProfile {

    /** The same settings on another database: the documented examples start from an empty ledger. */
    public static class Examples extends AdoptionProfile {
    }
}
