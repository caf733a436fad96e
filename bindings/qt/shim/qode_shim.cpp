// KOOMPI's stand-in for qode, compiled into NodeGui's addon.
//
// NodeGui expects to run inside qode, a patched Node whose main loop is Qt's.
// qode cannot be had here, so this file provides the three symbols NodeGui
// links against (qode::qode_argc, qode::qode_argv, qode::InjectCustomRunLoop)
// and integrates Qt's event loop with stock Node's libuv loop natively:
//
// * Qt's exec() becomes the main loop once a top-level window is visible. It is
//   started from a uv_prepare callback, so no JavaScript is on the stack.
// * Inside exec(), libuv is driven by Qt: a QSocketNotifier on libuv's backend
//   (epoll) fd and a precise single-shot QTimer armed from uv_backend_timeout()
//   both run uv_run(UV_RUN_NOWAIT). There is no polling timer: an idle app sleeps
//   in poll() and costs no CPU.
// * NodeGui calls JavaScript from Qt event handlers without a callback scope, so
//   promises and process.nextTick callbacks queued there would never run. Before
//   Qt blocks (QAbstractEventDispatcher::aboutToBlock) the shim drains them by
//   calling process._tickCallback inside a Node-API callback scope, which also
//   runs microtasks when it closes.
// * Nested event loops (QDialog::exec() and friends) keep Node running: libuv is
//   run from the nested loop too. A call to processEvents() made by JavaScript
//   that is itself running inside uv_run does not re-enter libuv (same loop level).
// * When exec() returns (last window closed, or QApplication::exit(code)) the
//   shim calls process.exit(code), so 'exit' handlers run and the process ends.
//
// It uses Node-API (node_api.h) and libuv 1.x only, no node.h or v8.h, so one
// build of the addon loads on every Node major with that Node-API version
// (20, 22, 24, ...). NodeGui's init hands the shim its napi_env through
// qode::KoompiAttachEnv (a one-line source patch, bindings/qt/build.mjs).

#include <node_api.h>
#include <uv.h>

#include <QAbstractEventDispatcher>
#include <QApplication>
#include <QCoreApplication>
#include <QEvent>
#include <QGuiApplication>
#include <QObject>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>
#include <QWindow>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace qode {
int qode_argc = 0;
char** qode_argv = nullptr;
typedef int (*QodeCustomRunLoopFunc)();
void InjectCustomRunLoop(QodeCustomRunLoopFunc customRunLoop);
void KoompiAttachEnv(napi_env env);
}  // namespace qode

namespace {

// Qt reads argv[0] for the application name (and so the X11 WM_CLASS). Give it
// the script's name ("koompi-chat" for bin/koompi-chat.js) rather than "node",
// and nothing else: Qt would consume app flags such as --title or --style.
std::string g_argv0 = "node";
char* g_argv_storage[2] = {nullptr, nullptr};

__attribute__((constructor)) void koompiInitArgv() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  size_t start = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i] == '\0') {
      args.emplace_back(all.substr(start, i - start));
      start = i + 1;
    }
  }
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.empty() || a[0] == '-') continue;
    std::string base = a.substr(a.find_last_of('/') + 1);
    for (const char* ext : {".js", ".mjs", ".cjs", ".ts"}) {
      size_t n = std::strlen(ext);
      if (base.size() > n && base.compare(base.size() - n, n, ext) == 0) {
        base.resize(base.size() - n);
        break;
      }
    }
    if (!base.empty()) g_argv0 = base;
    break;
  }
  g_argv_storage[0] = g_argv0.data();
  qode::qode_argc = 1;
  qode::qode_argv = g_argv_storage;
}

class Pump;
Pump* g_pump = nullptr;
napi_env g_env = nullptr;
int g_exitCode = 0;

// A JavaScript value looked up on the global object, or nullptr.
napi_value GlobalProperty(napi_env env, const char* name) {
  napi_value global;
  napi_value value;
  if (napi_get_global(env, &global) != napi_ok) return nullptr;
  if (napi_get_named_property(env, global, name, &value) != napi_ok) return nullptr;
  return value;
}

napi_value Property(napi_env env, napi_value object, const char* name) {
  napi_valuetype type;
  napi_value value;
  if (object == nullptr || napi_typeof(env, object, &type) != napi_ok ||
      (type != napi_object && type != napi_function)) {
    return nullptr;
  }
  if (napi_get_named_property(env, object, name, &value) != napi_ok) return nullptr;
  return value;
}

bool IsFunction(napi_env env, napi_value value) {
  napi_valuetype type;
  return value != nullptr && napi_typeof(env, value, &type) == napi_ok && type == napi_function;
}

// The async context the pump's calls into JavaScript run in (async_hooks sees
// them as one resource, "koompi:qt-pump").
napi_async_context g_asyncContext = nullptr;
napi_ref g_asyncResource = nullptr;

// Calls fn the way Node calls JavaScript from its own event loop: inside a
// callback scope, which runs process.nextTick callbacks and microtasks when it
// closes (unless JavaScript is already on the stack). An exception thrown
// there is Node's uncaught exception ('uncaughtException', or print and exit
// 1), as it would be for a timer callback. It must be raised while the scope
// is still open: napi_make_callback would catch it, and by the time its scope
// closed, the async ids pushed by the aborted tick would still be on the
// stack (Node aborts: "async hook stack has become corrupted").
napi_value CallInScope(napi_env env, napi_value recv, napi_value fn, size_t argc, const napi_value* argv) {
  napi_value resource = nullptr;
  napi_callback_scope scope = nullptr;
  if (g_asyncContext != nullptr && napi_get_reference_value(env, g_asyncResource, &resource) == napi_ok &&
      resource != nullptr) {
    if (napi_open_callback_scope(env, resource, g_asyncContext, &scope) != napi_ok) scope = nullptr;
  }
  napi_value result = nullptr;
  napi_status status = napi_call_function(env, recv, fn, argc, argv, &result);
  if (status == napi_pending_exception) {
    napi_value error;
    if (napi_get_and_clear_last_exception(env, &error) == napi_ok) napi_fatal_exception(env, error);
    result = nullptr;
  } else if (status != napi_ok) {
    result = nullptr;
  }
  if (scope != nullptr) napi_close_callback_scope(env, scope);
  return result;
}

// Every entry into JavaScript from Qt's side opens its own handle scope.
class HandleScope {
 public:
  explicit HandleScope(napi_env env) : env_(env) {
    if (napi_open_handle_scope(env_, &scope_) != napi_ok) scope_ = nullptr;
  }
  ~HandleScope() {
    if (scope_ != nullptr) napi_close_handle_scope(env_, scope_);
  }
  HandleScope(const HandleScope&) = delete;
  HandleScope& operator=(const HandleScope&) = delete;

 private:
  napi_env env_;
  napi_handle_scope scope_ = nullptr;
};

napi_value Noop(napi_env, napi_callback_info) { return nullptr; }

// process.on('exit', code => ...): remembers the exit code Node chose.
napi_value RecordExitCode(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_valuetype type;
  int32_t code;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) == napi_ok && argc > 0 &&
      napi_typeof(env, argv[0], &type) == napi_ok && type == napi_number &&
      napi_get_value_int32(env, argv[0], &code) == napi_ok) {
    g_exitCode = code;
  }
  return nullptr;
}

class Pump : public QObject {
 public:
  explicit Pump(napi_env env) : env_(env) {
    if (napi_get_uv_event_loop(env, &loop_) != napi_ok || loop_ == nullptr) {
      std::fprintf(stderr, "[koompi qode shim] no libuv loop from Node-API; Qt's loop will not run\n");
      return;
    }
    HandleScope scope(env_);
    napi_value noop;
    if (napi_create_function(env_, "noop", NAPI_AUTO_LENGTH, Noop, nullptr, &noop) == napi_ok) {
      napi_create_reference(env_, noop, 1, &noop_);
    }
    napi_value resource;
    napi_value name;
    if (napi_create_object(env_, &resource) == napi_ok &&
        napi_create_string_utf8(env_, "koompi:qt-pump", NAPI_AUTO_LENGTH, &name) == napi_ok &&
        napi_create_reference(env_, resource, 1, &g_asyncResource) == napi_ok &&
        napi_async_init(env_, resource, name, &g_asyncContext) != napi_ok) {
      g_asyncContext = nullptr;
    }

    uv_prepare_init(loop_, &prepare_);
    prepare_.data = this;
    uv_prepare_start(&prepare_, &Pump::OnPrepare);
    // Watching for a window must not keep a windowless script alive: the handle
    // is ref'd only while a window is being shown (see eventFilter).
    uv_unref(reinterpret_cast<uv_handle_t*>(&prepare_));
    qApp->installEventFilter(this);
    InstallExitGuard();
  }

 protected:
  // A top-level window being shown keeps Node's loop alive until the prepare
  // callback has started exec(); without this a script whose last JS handle
  // is gone would end (or start Qt during Node's teardown).
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (!started_ && event->type() == QEvent::Show && watched->isWindowType()) {
      uv_ref(reinterpret_cast<uv_handle_t*>(&prepare_));
    }
    return false;
  }

 private:
  static void OnPrepare(uv_prepare_t* handle) {
    auto* self = static_cast<Pump*>(handle->data);
    if (!self->HasVisibleWindow()) {
      // Shown and hidden again before the loop came round: nothing to run.
      uv_unref(reinterpret_cast<uv_handle_t*>(handle));
      return;
    }
    uv_prepare_stop(handle);
    self->started_ = true;
    qApp->removeEventFilter(self);
    self->RunQt();
  }

  // When a script that never showed a window ends on its own, Node tears its
  // environment down and Node-API finalizers delete the wrapped Qt objects;
  // their `destroyed` signals then call into JavaScript that is gone, and
  // NodeGui's C++ exception aborts the process. qode never tears down (it exits
  // after exec()), and neither does this: an env cleanup hook, added after
  // Node-API's own for this env and so run before it (hooks run in reverse
  // order), ends the process with the code Node chose ('exit').
  void InstallExitGuard() {
    HandleScope scope(env_);
    napi_value process = GlobalProperty(env_, "process");
    napi_value on = Property(env_, process, "on");
    napi_value record;
    napi_value event;
    if (!IsFunction(env_, on) ||
        napi_create_function(env_, "koompiRecordExitCode", NAPI_AUTO_LENGTH, RecordExitCode, nullptr, &record) !=
            napi_ok ||
        napi_create_string_utf8(env_, "exit", NAPI_AUTO_LENGTH, &event) != napi_ok) {
      return;
    }
    napi_value args[] = {event, record};
    napi_value ignored;
    napi_call_function(env_, process, on, 2, args, &ignored);
    napi_add_env_cleanup_hook(
        env_,
        [](void*) {
          std::fflush(nullptr);
          std::exit(g_exitCode);
        },
        nullptr);
  }

  bool HasVisibleWindow() const {
    for (QWindow* w : QGuiApplication::topLevelWindows()) {
      if (w->isVisible()) return true;
    }
    return false;
  }

  void RunQt() {
    // While Qt owns the thread the loop must stay alive, and uv_backend_timeout()
    // must report "no timers" as -1 (block) rather than 0 (spin): a ref'd async
    // handle does both.
    uv_async_init(loop_, &keepalive_, nullptr);

    notifier_ = new QSocketNotifier(uv_backend_fd(loop_), QSocketNotifier::Read, this);
    QObject::connect(notifier_, &QSocketNotifier::activated, this, [this]() { RunUv(); });
    timer_ = new QTimer(this);
    timer_->setSingleShot(true);
    timer_->setTimerType(Qt::PreciseTimer);
    QObject::connect(timer_, &QTimer::timeout, this, [this]() { RunUv(); });
    QObject::connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::aboutToBlock, this,
                     [this]() { BeforeBlock(); });

    baseLevel_ = QThread::currentThread()->loopLevel() + 1;
    ArmTimer();
    int code = QApplication::exec();

    delete notifier_;
    notifier_ = nullptr;
    timer_->stop();
    QObject::disconnect(QAbstractEventDispatcher::instance(), nullptr, this, nullptr);
    uv_close(reinterpret_cast<uv_handle_t*>(&keepalive_), nullptr);
    ExitNode(code);
  }

  // True when libuv may be run now: not while JavaScript called from uv_run is
  // pumping Qt at the same loop level (processEvents), which would re-enter uv_run.
  bool MayRunUv() const {
    if (uvDepth_ == 0) return true;
    return QThread::currentThread()->loopLevel() > uvLevel_;
  }

  void RunUv() {
    if (!MayRunUv()) return;
    int savedLevel = uvLevel_;
    uvLevel_ = QThread::currentThread()->loopLevel();
    ++uvDepth_;
    uv_update_time(loop_);
    uv_run(loop_, UV_RUN_NOWAIT);
    --uvDepth_;
    uvLevel_ = savedLevel;
    ArmTimer();
  }

  void ArmTimer() {
    if (timer_ == nullptr) return;
    int timeout = uv_backend_timeout(loop_);
    if (timeout < 0) {
      timer_->stop();
    } else {
      timer_->start(timeout);
    }
  }

  void BeforeBlock() {
    int level = QThread::currentThread()->loopLevel();
    if (!MayRunUv()) return;
    DrainJs();
    // A nested loop (a modal dialog) opened from inside a JavaScript timer
    // callback: Node re-arms its timer only when that callback returns, so ask
    // for a short unref'd timer once, which re-arms it now.
    if (level > baseLevel_ && uvDepth_ > 0 && nudgedLevel_ < level) {
      nudgedLevel_ = level;
      NudgeTimers();
    } else if (level <= baseLevel_) {
      nudgedLevel_ = 0;
    }
    RunUv();
  }

  napi_value NoopFunction() const {
    napi_value fn = nullptr;
    if (noop_ != nullptr) napi_get_reference_value(env_, noop_, &fn);
    return fn;
  }

  // Runs process.nextTick callbacks and microtasks queued by JavaScript that Qt
  // called. process._tickCallback is called explicitly (not just an empty
  // callback) so that this also works inside a nested loop opened from a JS
  // callback, where Node's callback scope would not drain on close.
  void DrainJs() {
    HandleScope scope(env_);
    napi_value process = GlobalProperty(env_, "process");
    napi_value tick = Property(env_, process, "_tickCallback");
    if (IsFunction(env_, tick)) {
      CallInScope(env_, process, tick, 0, nullptr);
      return;
    }
    napi_value global;
    napi_value noop = NoopFunction();
    if (noop != nullptr && napi_get_global(env_, &global) == napi_ok) CallInScope(env_, global, noop, 0, nullptr);
  }

  void NudgeTimers() {
    HandleScope scope(env_);
    napi_value setTimeoutFn = GlobalProperty(env_, "setTimeout");
    napi_value noop = NoopFunction();
    napi_value global;
    napi_value delay;
    if (!IsFunction(env_, setTimeoutFn) || noop == nullptr || napi_get_global(env_, &global) != napi_ok ||
        napi_create_int32(env_, 2, &delay) != napi_ok) {
      return;
    }
    napi_value args[] = {noop, delay};
    napi_value handle = CallInScope(env_, global, setTimeoutFn, 2, args);
    napi_value unref = Property(env_, handle, "unref");
    napi_value ignored;
    if (IsFunction(env_, unref)) napi_call_function(env_, handle, unref, 0, nullptr, &ignored);
  }

  void ExitNode(int code) {
    {
      HandleScope scope(env_);
      napi_value process = GlobalProperty(env_, "process");
      napi_value exitFn = Property(env_, process, "exit");
      napi_value arg;
      if (IsFunction(env_, exitFn) && napi_create_int32(env_, code, &arg) == napi_ok) {
        CallInScope(env_, process, exitFn, 1, &arg);
      }
    }
    std::exit(code);  // process.exit does not return; this is only a fallback
  }

  napi_env env_;
  uv_loop_t* loop_ = nullptr;
  napi_ref noop_ = nullptr;
  uv_prepare_t prepare_{};
  uv_async_t keepalive_{};
  QSocketNotifier* notifier_ = nullptr;
  QTimer* timer_ = nullptr;
  int uvDepth_ = 0;
  int uvLevel_ = 0;
  int baseLevel_ = 1;
  int nudgedLevel_ = 0;
  bool started_ = false;
};

}  // namespace

namespace qode {
// Called by NodeGui's module init (patched, see SOURCE_PATCHES in
// bindings/qt/build.mjs) just before it creates the QApplication and calls
// InjectCustomRunLoop.
void KoompiAttachEnv(napi_env env) {
  if (g_env == nullptr) g_env = env;
}

void InjectCustomRunLoop(QodeCustomRunLoopFunc) {
  // NodeGui hands us a run loop that calls exec() and then C exit(); the pump
  // runs exec() itself so that it can exit through process.exit instead.
  if (g_pump != nullptr) return;
  if (g_env == nullptr) {
    std::fprintf(stderr, "[koompi qode shim] NodeGui gave no napi_env (source patch missing?); Qt's loop will not run\n");
    return;
  }
  g_pump = new Pump(g_env);
}
}  // namespace qode
