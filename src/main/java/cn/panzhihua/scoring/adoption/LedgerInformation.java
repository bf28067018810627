package cn.panzhihua.scoring.adoption;

import cn.panzhihua.scoring.campaign.YearInformation;
import cn.panzhihua.scoring.facts.LeaderInstruction;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * A unit's information facts from the ledger, as the {@code information} object of an evaluation
 * request: the latest count of each month (0 where none was entered) and every counted adoption,
 * each naming its ledger entry ({@code ledgerEntry}, which the trail shows as evidence). The year-end
 * evaluation of the assessment year and the quarterly 通报 build their requests with it.
 */
@ApplicationScoped
public class LedgerInformation implements YearInformation {

    @Inject
    LedgerStore store;

    @Inject
    ObjectMapper mapper;

    @Override
    public Optional<ObjectNode> information(int year, String unit) {
        if (!store.keeps(year)) {
            return Optional.empty();
        }
        return Optional.of(build(store.entries(year, unit), store.submissions(year, unit)));
    }

    ObjectNode build(List<LedgerStore.Entry> entries, List<LedgerStore.Submission> submissions) {
        ObjectNode information = mapper.createObjectNode();
        ArrayNode months = information.putArray("monthlySubmissions");
        for (Integer count : LedgerService.latest(submissions)) {
            months.add(count == null ? 0 : count);
        }
        ArrayNode adoptions = information.putArray("adoptions");
        for (LedgerStore.Entry e : LedgerService.counted(entries)) {
            ObjectNode a = adoptions.addObject();
            a.put("channel", e.channel());
            a.put("date", e.date().toString());
            if (e.title() != null) {
                a.put("title", e.title());
            }
            if (e.leaderInstruction() != null && e.leaderInstruction() != LeaderInstruction.NONE) {
                a.put("leaderInstruction", e.leaderInstruction().name());
            }
            if (e.stateCouncilAdopted()) {
                a.put("stateCouncilAdopted", true);
            }
            if (e.issue() != null) {
                a.put("issue", e.issue());
            }
            a.put("ledgerEntry", e.id());
        }
        return information;
    }
}
