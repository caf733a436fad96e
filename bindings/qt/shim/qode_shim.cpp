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
//   making an empty node::MakeCallback, which runs the tick queue and microtasks
//   when its scope closes.
// * Nested event loops (QDialog::exec() and friends) keep Node running: libuv is
//   run from the nested loop too. A call to processEvents() made by JavaScript
//   that is itself running inside uv_run does not re-enter libuv (same loop level).
// * When exec() returns (last window closed, or QApplication::exit(code)) the
//   shim calls process.exit(code), so 'exit' handlers run and the process ends.
//
// It uses node.h / v8.h (not Node-API), so the addon is built per Node ABI.

#include <node.h>
#include <uv.h>
#include <v8.h>

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
int g_exitCode = 0;

class Pump : public QObject {
 public:
  explicit Pump(v8::Isolate* isolate)
      : isolate_(isolate), loop_(node::GetCurrentEventLoop(isolate)) {
    context_.Reset(isolate, isolate->GetCurrentContext());
    v8::HandleScope scope(isolate);
    v8::Local<v8::Context> ctx = isolate->GetCurrentContext();
    v8::Local<v8::Function> noop =
        v8::Function::New(ctx, [](const v8::FunctionCallbackInfo<v8::Value>&) {}).ToLocalChecked();
    noop_.Reset(isolate, noop);

    uv_prepare_init(loop_, &prepare_);
    prepare_.data = this;
    uv_prepare_start(&prepare_, &Pump::OnPrepare);
    // Watching for a window must not keep a windowless script alive: the handle
    // is ref'd only while a window is being shown (see eventFilter).
    uv_unref(reinterpret_cast<uv_handle_t*>(&prepare_));
    qApp->installEventFilter(this);
    InstallExitGuard(ctx);
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
  // environment down and N-API finalizers delete the wrapped Qt objects; their
  // `destroyed` signals then call into JavaScript that is gone, and NodeGui's
  // C++ exception aborts the process. qode never tears down (it exits after
  // exec()), and neither does this: a cleanup hook, registered after N-API's
  // and so run before it, ends the process with the code Node chose ('exit').
  void InstallExitGuard(v8::Local<v8::Context> ctx) {
    v8::Local<v8::Value> process;
    v8::Local<v8::Value> on;
    if (!ctx->Global()->Get(ctx, v8::String::NewFromUtf8Literal(isolate_, "process")).ToLocal(&process) ||
        !process->IsObject() ||
        !process.As<v8::Object>()->Get(ctx, v8::String::NewFromUtf8Literal(isolate_, "on")).ToLocal(&on) ||
        !on->IsFunction()) {
      return;
    }
    v8::Local<v8::Function> record =
        v8::Function::New(ctx, [](const v8::FunctionCallbackInfo<v8::Value>& info) {
          if (info.Length() > 0 && info[0]->IsInt32()) g_exitCode = info[0].As<v8::Int32>()->Value();
        }).ToLocalChecked();
    v8::Local<v8::Value> args[] = {v8::String::NewFromUtf8Literal(isolate_, "exit"), record};
    (void)on.As<v8::Function>()->Call(ctx, process, 2, args);
    node::AddEnvironmentCleanupHook(
        isolate_,
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

  // Runs process.nextTick callbacks and microtasks queued by JavaScript that Qt
  // called. process._tickCallback is called explicitly (not just an empty
  // MakeCallback) so that this also works inside a nested loop opened from a JS
  // callback, where Node's callback scope would not drain on close.
  void DrainJs() {
    v8::HandleScope scope(isolate_);
    v8::Local<v8::Context> ctx = context_.Get(isolate_);
    v8::Context::Scope contextScope(ctx);
    v8::Local<v8::Value> process;
    v8::Local<v8::Value> tick;
    if (ctx->Global()->Get(ctx, v8::String::NewFromUtf8Literal(isolate_, "process")).ToLocal(&process) &&
        process->IsObject() &&
        process.As<v8::Object>()->Get(ctx, v8::String::NewFromUtf8Literal(isolate_, "_tickCallback")).ToLocal(&tick) &&
        tick->IsFunction()) {
      node::MakeCallback(isolate_, process.As<v8::Object>(), tick.As<v8::Function>(), 0, nullptr, {0, 0});
    } else {
      node::MakeCallback(isolate_, ctx->Global(), noop_.Get(isolate_), 0, nullptr, {0, 0});
    }
  }

  void NudgeTimers() {
    v8::HandleScope scope(isolate_);
    v8::Local<v8::Context> ctx = context_.Get(isolate_);
    v8::Context::Scope contextScope(ctx);
    v8::Local<v8::Value> setTimeoutVal;
    if (!ctx->Global()->Get(ctx, v8::String::NewFromUtf8Literal(isolate_, "setTimeout")).ToLocal(&setTimeoutVal) ||
        !setTimeoutVal->IsFunction()) {
      return;
    }
    v8::Local<v8::Value> args[] = {noop_.Get(isolate_), v8::Integer::New(isolate_, 2)};
    v8::Local<v8::Value> handle = node::MakeCallback(isolate_, ctx->Global(), setTimeoutVal.As<v8::Function>(), 2,
                                                     args, {0, 0})
                                      .ToLocalChecked();
    v8::Local<v8::Value> unref;
    if (handle->IsObject() &&
        handle.As<v8::Object>()->Get(ctx, v8::String::NewFromUtf8Literal(isolate_, "unref")).ToLocal(&unref) &&
        unref->IsFunction()) {
      (void)unref.As<v8::Function>()->Call(ctx, handle, 0, nullptr);
    }
  }

  void ExitNode(int code) {
    v8::HandleScope scope(isolate_);
    v8::Local<v8::Context> ctx = context_.Get(isolate_);
    v8::Context::Scope contextScope(ctx);
    v8::Local<v8::Value> process;
    v8::Local<v8::Value> exitFn;
    if (ctx->Global()->Get(ctx, v8::String::NewFromUtf8Literal(isolate_, "process")).ToLocal(&process) &&
        process->IsObject() &&
        process.As<v8::Object>()->Get(ctx, v8::String::NewFromUtf8Literal(isolate_, "exit")).ToLocal(&exitFn) &&
        exitFn->IsFunction()) {
      v8::Local<v8::Value> args[] = {v8::Integer::New(isolate_, code)};
      node::MakeCallback(isolate_, process.As<v8::Object>(), exitFn.As<v8::Function>(), 1, args, {0, 0});
    }
    std::exit(code);  // process.exit does not return; this is only a fallback
  }

  v8::Isolate* isolate_;
  uv_loop_t* loop_;
  v8::Global<v8::Context> context_;
  v8::Global<v8::Function> noop_;
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
void InjectCustomRunLoop(QodeCustomRunLoopFunc) {
  // NodeGui hands us a run loop that calls exec() and then C exit(); the pump
  // runs exec() itself so that it can exit through process.exit instead.
  if (g_pump != nullptr) return;
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  if (isolate == nullptr) return;
  g_pump = new Pump(isolate);
}
}  // namespace qode
