// CatalogueStore with a background check: a change of the data is rebuilt without any request
// asking (so the next request finds the new layers, heatmap kernels included, already made),
// exactly once per change; and without a change nothing is rebuilt. States and versions only: no
// timing is asserted (QTRY_* only bound how long the test waits for the state).
#include "ogc/catalogue_store.h"

#include <QtTest>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

using namespace firebeat::ogc;

namespace {

// A data version the test sets by hand.
struct Token {
    std::mutex mutex;
    std::string value = "a";
};

class FakeProbe final : public DataVersionProbe {
  public:
    explicit FakeProbe(std::shared_ptr<Token> token) : token_(std::move(token)) {}
    std::string token() override {
        const std::lock_guard lock(token_->mutex);
        return token_->value;
    }

  private:
    std::shared_ptr<Token> token_;
};

} // namespace

class TestServerCatalogueStore : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void backgroundCheckRebuildsWithoutARequest() {
        auto token = std::make_shared<Token>();
        auto loads = std::make_shared<std::atomic<int>>(0);
        CatalogueStore store(
            [loads] {
                ++*loads;
                return std::make_shared<Catalogue>();
            },
            std::make_unique<FakeProbe>(token), std::chrono::milliseconds(20));
        QCOMPARE(loads->load(), 1);
        QCOMPARE(store.latest()->dataVersion, std::string("1"));
        {
            const std::lock_guard lock(token->mutex);
            token->value = "b";
        }
        // No call to current(): the background check alone rebuilds, once.
        QTRY_COMPARE_WITH_TIMEOUT(store.latest()->dataVersion, std::string("2"), 20000);
        QCOMPARE(loads->load(), 2);
        QCOMPARE(store.current()->dataVersion, std::string("2")); // nothing left to rebuild
        QCOMPARE(store.builds(), std::uint64_t{2});
    }

    void withoutPollingOnlyRequestsCheck() {
        auto token = std::make_shared<Token>();
        auto loads = std::make_shared<std::atomic<int>>(0);
        CatalogueStore store(
            [loads] {
                ++*loads;
                return std::make_shared<Catalogue>();
            },
            std::make_unique<FakeProbe>(token));
        {
            const std::lock_guard lock(token->mutex);
            token->value = "b";
        }
        QCOMPARE(store.latest()->dataVersion, std::string("1"));
        QCOMPARE(store.current()->dataVersion, std::string("2")); // the request rebuilds it
        QCOMPARE(loads->load(), 2);
    }
};

QTEST_APPLESS_MAIN(TestServerCatalogueStore)
#include "test_server_catalogue_store.moc"
