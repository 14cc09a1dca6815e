// The SQLite store: one file, one table, WAL mode.
//
// WAL lets readers run beside the one writer; synchronous=NORMAL makes every
// committed save survive the process being killed (the WAL frame is written
// before the commit returns), and loses at most the last commits to a power
// cut, never the file's consistency. Each save is one statement, so it is
// atomic by itself: the version test and the write cannot be split.
//
// SQLite connections are not to be shared between threads at once, so the
// store keeps a small pool: a thread takes one for a call and gives it back.
#include <sqlite3.h>

#include <mutex>
#include <vector>

#include "serve/store.hpp"

namespace parley::serve {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS conversations ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " version INTEGER NOT NULL,"
    " state TEXT NOT NULL) WITHOUT ROWID";

struct Connection {
  sqlite3* db = nullptr;
  sqlite3_stmt* load = nullptr;
  sqlite3_stmt* insert = nullptr;
  sqlite3_stmt* update = nullptr;
  sqlite3_stmt* remove = nullptr;

  ~Connection() {
    for (sqlite3_stmt* s : {load, insert, update, remove}) sqlite3_finalize(s);
    sqlite3_close(db);
  }
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::string path) : path_(std::move(path)) {
    // Made once here so that a bad path fails at start, not at the first call.
    std::unique_ptr<Connection> first = connect();
    exec(first->db, kSchema);
    prepare(*first);
    idle_.push_back(std::move(first));
  }

  std::optional<Stored> load(std::string_view id) override {
    Lease c(*this);
    sqlite3_stmt* s = c->load;
    bind_text(c, s, 1, id);
    const int rc = sqlite3_step(s);
    std::optional<Stored> out;
    if (rc == SQLITE_ROW) {
      out.emplace();
      out->version = static_cast<std::uint64_t>(sqlite3_column_int64(s, 0));
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
      out->json.assign(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(s, 1)));
    } else if (rc != SQLITE_DONE) {
      fail(c, "load");
    }
    sqlite3_reset(s);
    return out;
  }

  std::optional<std::uint64_t> save(std::string_view id, std::string_view json,
                                    std::uint64_t expected) override {
    Lease c(*this);
    sqlite3_stmt* s = expected == 0 ? c->insert : c->update;
    bind_text(c, s, 1, json);
    bind_text(c, s, 2, id);
    if (expected != 0 && sqlite3_bind_int64(s, 3, static_cast<sqlite3_int64>(expected)) != SQLITE_OK) {
      fail(c, "save");
    }
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) fail(c, "save");
    if (sqlite3_changes(c->db) != 1) return std::nullopt;
    return expected + 1;
  }

  bool remove(std::string_view id) override {
    Lease c(*this);
    bind_text(c, c->remove, 1, id);
    const int rc = sqlite3_step(c->remove);
    sqlite3_reset(c->remove);
    if (rc != SQLITE_DONE) fail(c, "delete");
    return sqlite3_changes(c->db) == 1;
  }

  std::string describe() const override { return "sqlite:" + path_; }

 private:
  // A connection taken from the pool for one call.
  class Lease {
   public:
    explicit Lease(SqliteStore& store) : store_(store) {
      {
        std::lock_guard lock(store_.mutex_);
        if (!store_.idle_.empty()) {
          connection_ = std::move(store_.idle_.back());
          store_.idle_.pop_back();
        }
      }
      if (!connection_) {
        connection_ = store_.connect();
        store_.prepare(*connection_);
      }
    }
    ~Lease() {
      std::lock_guard lock(store_.mutex_);
      store_.idle_.push_back(std::move(connection_));
    }
    Connection* operator->() const { return connection_.get(); }

   private:
    SqliteStore& store_;
    std::unique_ptr<Connection> connection_;
  };

  std::unique_ptr<Connection> connect() const {
    auto c = std::make_unique<Connection>();
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path_.c_str(), &c->db, flags, nullptr) != SQLITE_OK) {
      throw StoreError("sqlite:" + path_ + ": " + (c->db ? sqlite3_errmsg(c->db) : "cannot open"));
    }
    // Writers wait for each other instead of failing at once.
    sqlite3_busy_timeout(c->db, 10000);
    exec(c->db, "PRAGMA journal_mode=WAL");
    exec(c->db, "PRAGMA synchronous=NORMAL");
    return c;
  }

  void prepare(Connection& c) const {
    auto statement = [&](const char* sql, sqlite3_stmt** out) {
      if (sqlite3_prepare_v3(c.db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, nullptr) != SQLITE_OK) {
        throw StoreError("sqlite:" + path_ + ": " + sqlite3_errmsg(c.db));
      }
    };
    statement("SELECT version, state FROM conversations WHERE id = ?1", &c.load);
    statement("INSERT INTO conversations (id, version, state) VALUES (?2, 1, ?1) ON CONFLICT (id) DO NOTHING",
              &c.insert);
    statement("UPDATE conversations SET version = version + 1, state = ?1 WHERE id = ?2 AND version = ?3",
              &c.update);
    statement("DELETE FROM conversations WHERE id = ?1", &c.remove);
  }

  void exec(sqlite3* db, const char* sql) const {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string what = message ? message : sqlite3_errmsg(db);
      sqlite3_free(message);
      throw StoreError("sqlite:" + path_ + ": " + what);
    }
  }

  void bind_text(const Lease& c, sqlite3_stmt* s, int index, std::string_view text) const {
    if (sqlite3_bind_text64(s, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK) {
      fail(c, "bind");
    }
  }

  [[noreturn]] void fail(const Lease& c, const char* what) const {
    throw StoreError("sqlite:" + path_ + ": " + what + ": " + sqlite3_errmsg(c->db));
  }

  const std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path) {
  return std::make_unique<SqliteStore>(path);
}

}  // namespace parley::serve
