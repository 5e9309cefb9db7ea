"""How long the worker of qbat.evolve goes on after Ctrl-C (measurement, not a test).

Run with the installed package: python bench/python_cancel.py
An evolution of about 11 s (N = 401, 101 samples, dev build) is interrupted after 0.5 s;
KeyboardInterrupt is raised at once, and the script prints how many threads named
qbat-worker (the worker plus the thread pool it started, which inherits its name on Linux)
remain, every 0.3 s, until only the pool is left. Results: bench/results/python_overhead.md.
"""
import os, signal, threading, time, numpy as np, qbat
def workers():
    out=[]
    for t in os.listdir('/proc/self/task'):
        try: out.append(open(f'/proc/self/task/{t}/comm').read().strip())
        except OSError: pass
    return out.count('qbat-worker')
qbat.evolve(times=np.linspace(0, 1, 3), n=401, mu=0.0, dmu=4.0, gap=False)
print("before", workers())
threading.Timer(0.5, lambda: signal.raise_signal(signal.SIGINT)).start()
t0=time.monotonic()
try:
    qbat.evolve(times=np.linspace(0, 50, 101), n=401, mu=0.0, dmu=4.0, gap=False)
except KeyboardInterrupt:
    print("interrupted at", time.monotonic()-t0)
for i in range(100):  # until the worker has stopped
    print(round(time.monotonic()-t0,2), workers()); time.sleep(0.3)
    if workers() <= 2: break
