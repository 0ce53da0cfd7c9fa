import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import './styles/app.css';
import { applyFontFamily } from './styles/typeface.ts';

window.__gridatlasMetrics ??= { navigationStart: 0, frames: 0 };
applyFontFamily();

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      // A 4xx will not get better by asking again.
      retry: (failures, error) => {
        const status = (error as unknown as { status?: number }).status;
        return failures < 2 && !(status && status < 500);
      },
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
