import { useEffect, useState } from 'react';

/** The display's scale against a 1920-pixel-wide design, so chart type grows with the screen like the CSS (rem) does. */
export function useScreenScale(): number {
  const measure = () => Math.min(window.innerWidth, (window.innerHeight * 16) / 9) / 1920;
  const [scale, setScale] = useState(measure);
  useEffect(() => {
    const onResize = () => setScale(measure());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}
