// Taro's React runtime ships no types for this entry; test/taro-h5.ts needs these few.
declare module '@tarojs/plugin-framework-react/dist/runtime' {
  type Hook = (fn: (...args: unknown[]) => unknown) => void;
  export const useDidHide: Hook;
  export const useDidShow: Hook;
  export const useLaunch: Hook;
  export const useLoad: Hook;
  export const usePullDownRefresh: Hook;
  export const useReachBottom: Hook;
  export const useReady: Hook;
  export const useUnload: Hook;
  export function useRouter(): unknown;
  export function createH5NativeComponentConfig(component: unknown, react: unknown, reactDom: unknown): unknown;
}
