package cn.panzhihua.scoring.impact;

import io.quarkus.test.junit.QuarkusTest;

/** The impact contract with the records on the embedded default, an H2 file database. */
@QuarkusTest
class H2ImpactTest extends ImpactContract {
}
