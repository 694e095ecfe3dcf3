import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Whether an element has come near the viewport (once true, it stays true). Charts mount their SVG only
 * then: a long page of charts (Compare) would otherwise build every chart in one commit, a main-thread task
 * well over 50 ms. Without IntersectionObserver (tests, old browsers) everything counts as in view.
 */
export function useInView<T extends Element>(margin = '200px'): { ref: RefObject<T | null>; inView: boolean } {
  const ref = useRef<T | null>(null);
  const [inView, setInView] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (inView || el === null) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setInView(true);
          observer.disconnect();
        }
      },
      { rootMargin: margin },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [inView, margin]);
  return { ref, inView };
}
