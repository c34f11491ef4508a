import type { LatLng } from './locate.types';

/** Xiamen's six districts and their centre points (GCJ-02): where to search when there is no position. */
export const DISTRICTS: ReadonlyArray<{ name: string } & LatLng> = [
  { name: '思明区', lat: 24.4798, lng: 118.0894 },
  { name: '湖里区', lat: 24.5127, lng: 118.1465 },
  { name: '集美区', lat: 24.5758, lng: 118.097 },
  { name: '海沧区', lat: 24.4846, lng: 118.0326 },
  { name: '同安区', lat: 24.723, lng: 118.1519 },
  { name: '翔安区', lat: 24.6186, lng: 118.2466 },
];
