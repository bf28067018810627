package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.campaign.CampaignService;
import cn.panzhihua.scoring.campaign.CampaignViews;
import cn.panzhihua.scoring.problem.ProblemException;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The public 公示 page (issue 20): the 通报 of a year under publication, its period and the
 * checkpoint that signs it, exactly as GET /api/v1/public/campaigns/{year} answers; no login. Before
 * publication a page saying so (404, as the API answers).
 */
@Path("/console/public/campaigns/{year}")
@Produces(MediaType.TEXT_HTML)
public class NoticePage {

    public record Notice(int year, String stage, String from, String to, String publishedAt, Long checkpoint, boolean running,
                         NoticeTable table, String json) {
    }

    @Inject
    ConsoleAccess access;

    @Inject
    CampaignService campaigns;

    @Inject
    cn.panzhihua.scoring.campaign.CampaignClock clock;

    @GET
    @Operation(hidden = true)
    public TemplateInstance notice(@PathParam("year") String yearText) {
        int year = CampaignPages.year(yearText);
        CampaignViews.NoticeView view;
        try {
            view = campaigns.notice(String.valueOf(year));
        } catch (ProblemException e) {
            throw new PageException(404, "尚未公示", year + " 年度的考核通报尚未发布公示。通报发布后，公示期内将在此页面公布各单位的考核结果、"
                    + "公示起止日期和签名检查点编号。");
        }
        boolean running = !clock.today().isBefore(view.publicationFrom()) && !clock.today().isAfter(view.publicationTo());
        Notice notice = new Notice(year, YearWords.stage(view.stage()), String.valueOf(view.publicationFrom()), String.valueOf(view.publicationTo()),
                YearWords.time(view.publishedAt()), view.checkpoint(), running, NoticeTable.of(view.report(), view.changes()),
                "/api/v1/public/campaigns/" + year);
        return Views.notice(access.chrome(year + " 年度考核结果公示", "notice"), notice);
    }
}
