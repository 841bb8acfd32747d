// The repository contract suite (store/store_contract.h) on the in-memory fake, so the
// fast tests that use it test what the real store would do.
#include "fakes/memory_store.h"
#include "store/store_contract.h"

namespace mamori::store {
namespace {

INSTANTIATE_TEST_SUITE_P(Memory, StoreContract,
                         ::testing::Values(Backend{"memory", [](const Clock& c) { return fakes::make_memory_store(c); }}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace mamori::store
