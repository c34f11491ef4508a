import type { Me } from '../../services/auth';

/** Both platform variants (login-panel.weapp.tsx / login-panel.h5.tsx) take these props. */
export interface LoginPanelProps {
  onLoggedIn: (user: Me) => void;
}
