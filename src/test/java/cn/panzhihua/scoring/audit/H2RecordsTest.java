package cn.panzhihua.scoring.audit;

import io.quarkus.test.junit.QuarkusTest;

/** The record contract on the embedded default, an H2 file database. */
@QuarkusTest
class H2RecordsTest extends RecordContract {
}
