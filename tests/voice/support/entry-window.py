# A real X11 text field for the dictation test: a Tk window with one Entry that
# has the keyboard focus. Prints "ready" once it is mapped and focused, and the
# field's text when Return is pressed, then exits.
import sys
import tkinter as tk

root = tk.Tk()
root.title("koompi-dictation-target")
entry = tk.Entry(root, width=60, font=("Noto Sans Khmer", 14))
entry.pack(padx=10, pady=10)


def done(_event):
    sys.stdout.write(entry.get() + "\n")
    sys.stdout.flush()
    root.destroy()


def ready():
    root.focus_force()
    entry.focus_set()
    sys.stdout.write("ready\n")
    sys.stdout.flush()


entry.bind("<Return>", done)
root.after(300, ready)
root.mainloop()
