// The floor for `npm run bench:startup`: the same window as KOOMPI Chat (a
// list, a status line, a microphone button, an input line, a send button),
// written directly in C++ Qt. Prints "painted" when the window first paints.
#include <QApplication>
#include <QBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QPushButton>
#include <cstdio>

class FirstPaint : public QObject {
 public:
  bool eventFilter(QObject*, QEvent* event) override {
    if (!done_ && event->type() == QEvent::Paint) {
      done_ = true;
      std::printf("painted\n");
      std::fflush(stdout);
    }
    return false;
  }

 private:
  bool done_ = false;
};

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QMainWindow window;
  window.setWindowTitle("KOOMPI Chat");
  window.resize(480, 640);
  auto* root = new QWidget;
  auto* layout = new QVBoxLayout(root);
  layout->addWidget(new QListWidget, 1);
  layout->addWidget(new QLabel("status"));
  auto* row = new QHBoxLayout;
  row->addWidget(new QPushButton("mic"));
  row->addWidget(new QLineEdit, 1);
  row->addWidget(new QPushButton("Send"));
  layout->addLayout(row);
  window.setCentralWidget(root);
  FirstPaint probe;
  window.installEventFilter(&probe);
  window.show();
  return app.exec();
}
