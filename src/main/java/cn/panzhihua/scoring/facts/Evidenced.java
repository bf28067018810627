package cn.panzhihua.scoring.facts;

import java.util.List;

/** An input fact that can speak for itself in the trail; {@code seq} orders it as the request did. */
public interface Evidenced {

    int seq();

    List<String> evidence();
}
